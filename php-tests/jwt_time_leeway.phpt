--TEST--
JWT: expired / not-yet-valid just outside and just inside the leeway; max_age; leeway bounds
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
$tok = fn(array $c) => craft('{"alg":"HS256","kid":"k1"}', json_encode($c + ['iss' => 'https://issuer.example', 'aud' => 'api', 'sub' => 'u']));
// Default leeway 30 s.
check("exp now-29 (inside leeway)", $tok(['exp' => NOW - 29]));
check("exp now-30 (at leeway)", $tok(['exp' => NOW - 30]));
check("exp now-31 (outside leeway)", $tok(['exp' => NOW - 31]));
check("nbf now+30 (inside leeway)", $tok(['exp' => NOW + 600, 'nbf' => NOW + 30]));
check("nbf now+31 (outside leeway)", $tok(['exp' => NOW + 600, 'nbf' => NOW + 31]));
check("iat now+31 (issued in the future)", $tok(['exp' => NOW + 600, 'iat' => NOW + 31]));
// Explicit leeway 0 and 300.
check("leeway 0, exp now", $tok(['exp' => NOW]), null, policy(['leeway' => 0]));
check("leeway 0, exp now+1", $tok(['exp' => NOW + 1]), null, policy(['leeway' => 0]));
check("leeway 300, exp now-299", $tok(['exp' => NOW - 299]), null, policy(['leeway' => 300]));
check("leeway 300, exp now-301", $tok(['exp' => NOW - 301]), null, policy(['leeway' => 300]));
// max_age against iat.
check("max_age 60, iat now-80", $tok(['exp' => NOW + 600, 'iat' => NOW - 80]), null, policy(['max_age' => 60]));
check("max_age 60, iat now-100", $tok(['exp' => NOW + 600, 'iat' => NOW - 100]), null, policy(['max_age' => 60]));
check("max_age without iat", $tok(['exp' => NOW + 600]), null, policy(['max_age' => 60]));
check("no exp at all", $tok([]));
// sign() + verify() at real time, and an expired token from sign().
$t = Soc2\Jwt\Jwt::sign(['iss' => 'https://issuer.example', 'aud' => 'api', 'sub' => 'live'], keys(), ['ttl' => 60]);
$c = Soc2\Jwt\Jwt::verify($t, keys(), ['iss' => 'https://issuer.example', 'aud' => 'api']);
echo "live: exp-iat=", $c['exp'] - $c['iat'], " iat~now=", var_export(abs($c['iat'] - time()) < 5, true), "\n";
$t = Soc2\Jwt\Jwt::sign(['iss' => 'https://issuer.example', 'aud' => 'api', 'sub' => 'old'], keys(), ['ttl' => 60, 'now' => NOW - 200]);
check("signed 200 s ago with ttl 60", $t);
$t = Soc2\Jwt\Jwt::sign(['iss' => 'https://issuer.example', 'aud' => 'api', 'sub' => 'later'], keys(), ['nbf' => NOW + 3600, 'now' => NOW]);
check("nbf an hour ahead", $t);
foreach ([301, -1, '30', 1.5] as $bad) {
    try {
        Soc2\Jwt\Jwt::verify(good(), keys(), policy(['leeway' => $bad]));
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
exp now-29 (inside leeway): ok (sub=u)
exp now-30 (at leeway): expired
exp now-31 (outside leeway): expired
nbf now+30 (inside leeway): ok (sub=u)
nbf now+31 (outside leeway): not_yet_valid
iat now+31 (issued in the future): not_yet_valid
leeway 0, exp now: expired
leeway 0, exp now+1: ok (sub=u)
leeway 300, exp now-299: ok (sub=u)
leeway 300, exp now-301: expired
max_age 60, iat now-80: ok (sub=u)
max_age 60, iat now-100: expired
max_age without iat: missing_claim
no exp at all: missing_claim
live: exp-iat=60 iat~now=true
signed 200 s ago with ttl 60: expired
nbf an hour ahead: not_yet_valid
Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) "leeway" must be between 0 and 300 seconds
Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) "leeway" must be between 0 and 300 seconds
Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) option "leeway" must be an integer
Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) option "leeway" must be an integer
