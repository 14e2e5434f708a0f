--TEST--
Key objects never show key bytes: var_dump, print_r, var_export, json_encode, (array), debug_zval; serialize, unserialize, clone, new throw
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$m = MasterKey::generate();
$secret = substr($m->export(), 8);
$ring = Keyring::create($m);
$wrapped = $ring->toJson();

foreach (['master' => $m, 'ring' => $ring] as $label => $obj) {
    ob_start();
    var_dump($obj);
    print_r($obj);
    var_export($obj);
    echo json_encode($obj), json_encode((array) $obj), serialize((array) $obj);
    debug_zval_dump($obj);
    $out = ob_get_clean();
    echo $label, ': leaked=', var_export(str_contains($out, $secret), true),
        ' json=', json_encode($obj), ' array=', count((array) $obj),
        ' props=', count(get_object_vars($obj)), "\n";
}
var_dump($m);
echo preg_replace('/"[0-9a-f]{8,16}"/', '"ID"', print_r($ring, true));

foreach ([
    'serialize' => fn () => serialize($m),
    'serialize ring' => fn () => serialize($ring),
    'unserialize' => fn () => unserialize('O:21:"Soc2\Crypto\MasterKey":0:{}'),
    'unserialize ring' => fn () => unserialize('O:19:"Soc2\Crypto\Keyring":0:{}'),
    'clone' => fn () => clone $m,
    'clone ring' => fn () => clone $ring,
    'new' => fn () => new MasterKey(),
    'new ring' => fn () => new Keyring(),
] as $what => $f) {
    try {
        $f();
        echo "$what: allowed?!\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$rc = new ReflectionClass(MasterKey::class);
var_dump($rc->isFinal(), (new ReflectionClass(Keyring::class))->isFinal());
?>
--EXPECTF--
master: leaked=false json={} array=0 props=0
ring: leaked=false json={} array=0 props=0
object(Soc2\Crypto\MasterKey)#%d (1) {
  ["id"]=>
  string(16) "%s"
}
Soc2\Crypto\Keyring Object
(
    [master_key_id] => %s
    [primary] => %s
    [keys] => Array
        (
            [0] => Array
                (
                    [id] => %s
                    [suite] => xchacha20poly1305
                    [status] => active
                    [created_at] => %d
                    [primary] => 1
                )

        )

)
serialize: Exception: Serialization of 'Soc2\Crypto\MasterKey' is not allowed
serialize ring: Exception: Serialization of 'Soc2\Crypto\Keyring' is not allowed
unserialize: Exception: Unserialization of 'Soc2\Crypto\MasterKey' is not allowed
unserialize ring: Exception: Unserialization of 'Soc2\Crypto\Keyring' is not allowed
clone: Error: Trying to clone an uncloneable object of class Soc2\Crypto\MasterKey
clone ring: Error: Trying to clone an uncloneable object of class Soc2\Crypto\Keyring
new: Exception: You cannot instantiate this class from PHP.
new ring: Exception: You cannot instantiate this class from PHP.
bool(true)
bool(true)
