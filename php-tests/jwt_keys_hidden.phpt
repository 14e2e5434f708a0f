--TEST--
JWT Keys: no key bytes in var_dump/print_r/var_export/json_encode/(array)/debug_zval; no serialize, unserialize, clone or new
--EXTENSIONS--
soc2
--FILE--
<?php
use Soc2\Jwt\Keys;
$secret = 'TOPSECRET-' . str_repeat('x', 30);
$seed = str_repeat('S', 32);
$k = Keys::hmac(['k1' => $secret, 'k2' => strrev($secret)], 'HS256', 'k1');
$e = Keys::ed25519(['ed' => $seed]);
ob_start();
var_dump($k, $e); print_r($k); print_r($e); var_export($k); var_export($e);
echo json_encode($k), json_encode($e); var_dump((array)$k, (array)$e, get_object_vars($k));
$all = ob_get_clean();
echo str_contains($all, 'TOPSECRET') || str_contains($all, strrev($secret)) || str_contains($all, $seed) || str_contains($all, bin2hex($seed)) ? "LEAK\n" : "no key bytes shown\n";
var_dump($k);
var_dump((array)$k, json_encode($k));
foreach ([
    'serialize' => fn() => serialize($k),
    'unserialize' => fn() => unserialize('O:13:"Soc2\Jwt\Keys":0:{}'),
    'clone' => fn() => clone $k,
    'new' => fn() => new Keys(),
] as $what => $f) {
    try {
        $r = $f();
        echo "$what: no exception (", get_debug_type($r), ")\n";
    } catch (Throwable $t) {
        echo "$what: ", get_class($t), ": ", $t->getMessage(), "\n";
    }
}
$rc = new ReflectionClass(Keys::class);
echo "final: ", var_export($rc->isFinal(), true), ", properties: ", count($rc->getProperties()), "\n";
var_dump($e->keys(), $e->primaryId(), Keys::hmac(['a' => $secret, 'b' => $secret])->primaryId());
echo json_encode(json_decode($e->publicJwks(), true)['keys'][0]['kty']), "\n";
echo str_contains(Keys::hmac(['a' => $secret])->publicJwks(), 'TOPSECRET') ? "LEAK\n" : "hmac not in JWKS\n";
?>
--EXPECTF--
no key bytes shown
object(Soc2\Jwt\Keys)#%d (2) {
  ["primary"]=>
  string(2) "k1"
  ["keys"]=>
  array(2) {
    ["k1"]=>
    array(2) {
      ["alg"]=>
      string(5) "HS256"
      ["sign"]=>
      bool(true)
    }
    ["k2"]=>
    array(2) {
      ["alg"]=>
      string(5) "HS256"
      ["sign"]=>
      bool(true)
    }
  }
}
array(0) {
}
string(2) "{}"
serialize: Exception: Serialization of 'Soc2\Jwt\Keys' is not allowed
unserialize: Exception: Unserialization of 'Soc2\Jwt\Keys' is not allowed
clone: Error: Trying to clone an uncloneable object of class Soc2\Jwt\Keys
new: Exception: You cannot instantiate this class from PHP.
final: true, properties: 0
array(1) {
  ["ed"]=>
  array(2) {
    ["alg"]=>
    string(5) "EdDSA"
    ["sign"]=>
    bool(true)
  }
}
string(2) "ed"
NULL
"OKP"
hmac not in JWKS
