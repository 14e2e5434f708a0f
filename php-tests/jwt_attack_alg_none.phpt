--TEST--
JWT attack: alg none in any spelling is refused, signed or not
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
foreach (['none', 'None', 'NONE', 'nOnE'] as $alg) {
    $h = json_encode(['alg' => $alg, 'typ' => 'JWT', 'kid' => 'k1']);
    check("$alg unsigned", b64u($h) . '.' . b64u(payload()) . '.');
    check("$alg with MAC", craft($h, payload()));
    try {
        Soc2\Jwt\Jwt::decodeUnverified(b64u($h) . '.' . b64u(payload()) . '.');
    } catch (Soc2\Jwt\TokenException $e) {
        echo "decodeUnverified $alg: ", $e->reason(), "\n";
    }
}
check("alg missing", craft('{"typ":"JWT","kid":"k1"}', payload()));
check("alg lowercase hs256", craft('{"alg":"hs256","kid":"k1"}', payload()));
check("alg null", craft('{"alg":null,"kid":"k1"}', payload()));
check("control: good token", good());
?>
--EXPECT--
none unsigned: alg_not_allowed
none with MAC: alg_not_allowed
decodeUnverified none: alg_not_allowed
None unsigned: alg_not_allowed
None with MAC: alg_not_allowed
decodeUnverified None: alg_not_allowed
NONE unsigned: alg_not_allowed
NONE with MAC: alg_not_allowed
decodeUnverified NONE: alg_not_allowed
nOnE unsigned: alg_not_allowed
nOnE with MAC: alg_not_allowed
decodeUnverified nOnE: alg_not_allowed
alg missing: malformed
alg lowercase hs256: alg_not_allowed
alg null: malformed
control: good token: ok (sub=user-1)
