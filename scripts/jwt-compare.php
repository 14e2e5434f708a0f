<?php
// Differential check of Soc2\Jwt behaviour between two builds: prints, for ~3000 mutated
// and hand-made hostile tokens, the verify() result (claims or reason + message) under two
// policies and the decodeUnverified() result. Run it with each build and diff the outputs:
//   php -n -d extension=/work/main/target/release/libsoc2.so scripts/jwt-compare.php > a
//   php -n -d extension=target/release/libsoc2.so scripts/jwt-compare.php > b && diff a b
use Soc2\Jwt\{Jwt, Keys, TokenException};
mt_srand(42);
$keys = Keys::hmac(['k1' => str_repeat('a', 32), 'k2' => str_repeat('b', 32)], 'HS256', 'k1');
$now = 1700000000;
$claims = ['iss' => 'https://issuer.example', 'aud' => ['api', 'x'], 'sub' => 'u', 'roles' => ['r', ['n' => 1.5]], 'jti' => 'fixed', 'e' => "q\"\\/\u{e9}"];
$base = [Jwt::sign($claims, $keys, ['now' => $now]), Jwt::sign($claims, $keys, ['now' => $now, 'kid' => 'k2'])];
$b64 = fn($s) => rtrim(strtr(base64_encode($s), '+/', '-_'), '=');
$mac = fn($in, $k) => $in . '.' . $b64(hash_hmac('sha256', $in, $k, true));
$jsons = ['{"alg":"HS256","kid":"k1"}', '{"alg":"HS256","kid":"k1","kid":"k1"}', '{"alg":"HS256","kid":"k1","x":{"a":1,"\u0061":2}}', '{"alg":"none"}', '{"alg":"HS256","kid":"k1","crit":[]}', '[1]', '{"alg":"HS256","kid":"k1","typ":1}'];
$payloads = ['{"exp":1700000100,"iss":"https://issuer.example","aud":"api"}', '{"exp":"1","iss":"https://issuer.example","aud":"api"}', '{"exp":1700000100,"iss":"https:\/\/issuer.example","aud":["api"],"sub":"\ud83d\ude00"}', '{"exp":1e400}', '{"exp":1700000100,"iss":"https://issuer.example","aud":"api","a":-0,"b":1.0E+2,"c":18446744073709551616,"d":-9223372036854775809}', '{"exp":1700000100,"aud":1}', '{"exp":1700000100,"iss":"https://issuer.example","aud":"api","s":"\ud800"}', '{"exp":1700000100,"iss":"https://issuer.example","aud":"api","7":1,"07":2}', '{"exp":1699999000,"iss":"https://issuer.example","aud":"api"}', '{"exp":1700000100 , "iss" : "https://issuer.example" ,"aud":"api"} '];
$tokens = $base;
foreach ($jsons as $h) foreach ($payloads as $p) { $tokens[] = $mac($b64($h) . '.' . $b64($p), str_repeat('a', 32)); }
$alpha = str_split('AQgw_-.=+/ !' . "\xff");
for ($i = 0; $i < 3000; $i++) {
    $t = $tokens[mt_rand(0, count($tokens) - 1)];
    $n = mt_rand(1, 3);
    for ($j = 0; $j < $n; $j++) {
        $pos = mt_rand(0, strlen($t) - 1);
        $t = match (mt_rand(0, 2)) { 0 => substr_replace($t, $alpha[mt_rand(0, count($alpha) - 1)], $pos, 1), 1 => substr_replace($t, '', $pos, 1), 2 => substr_replace($t, $alpha[mt_rand(0, count($alpha) - 1)], $pos, 0) };
    }
    $tokens[] = $t;
}
foreach ($tokens as $t) {
    foreach ([['iss' => 'https://issuer.example', 'aud' => 'api', 'now' => $now], ['iss' => null, 'aud' => null, 'now' => $now, 'required' => ['sub', 'roles']]] as $pol) {
        try { echo json_encode(Jwt::verify($t, $keys, $pol)), "\n"; }
        catch (TokenException $e) { echo $e->reason(), ' ', $e->getMessage(), "\n"; }
        catch (Throwable $e) { echo get_class($e), ' ', $e->getMessage(), "\n"; }
    }
    try { echo json_encode(Jwt::decodeUnverified($t)), "\n"; } catch (Throwable $e) { echo $e->getMessage(), "\n"; }
}
