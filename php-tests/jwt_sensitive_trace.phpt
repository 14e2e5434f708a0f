--TEST--
JWT: secrets and tokens carry #[\SensitiveParameter] and never appear in stack traces
--EXTENSIONS--
soc2
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
use Soc2\Jwt\{Jwt, Keys, TokenException};
// The secrets are passed directly (not captured by a closure, whose bound
// variables print_r would show) and the whole trace is searched.
$short = 'SHORTSECRET-abc';
$seed = 'BADSEEDLEN-' . str_repeat('q', 10);
$token = 'eyJhbGciOiJIUzI1NiJ9.SECRETTOKENPAYLOAD.c2ln';
$out = '';
try { Keys::hmac(['k' => $short]); } catch (Throwable $t) { $out .= $t->getTraceAsString() . print_r($t->getTrace(), true) . $t; }
try { Keys::ed25519(['k' => $seed]); } catch (Throwable $t) { $out .= $t->getTraceAsString() . print_r($t->getTrace(), true) . $t; }
$k = Keys::hmac(['k' => str_repeat('z', 32)]);
try { Jwt::verify($token, $k, ['iss' => null, 'aud' => null]); } catch (Throwable $t) { $out .= $t->getTraceAsString() . print_r($t->getTrace(), true) . $t; }
try { Jwt::decodeUnverified($token); } catch (Throwable $t) { $out .= $t->getTraceAsString() . print_r($t->getTrace(), true) . $t; }
foreach (['SHORTSECRET', 'BADSEEDLEN', 'SECRETTOKENPAYLOAD'] as $needle) {
    echo $needle, ': ', str_contains($out, $needle) ? 'LEAKED' : 'absent', "\n";
}
echo substr_count($out, 'SensitiveParameterValue') >= 4 ? "redacted as SensitiveParameterValue\n" : "not redacted\n";
foreach ([['Soc2\Jwt\Keys', 'hmac'], ['Soc2\Jwt\Keys', 'ed25519'], ['Soc2\Jwt\Jwt', 'verify'], ['Soc2\Jwt\Jwt', 'decodeUnverified']] as [$c, $m]) {
    $p = (new ReflectionMethod($c, $m))->getParameters()[0];
    echo "$c::$m(\$", $p->getName(), "): ", count($p->getAttributes(SensitiveParameter::class)), "\n";
}
?>
--EXPECT--
SHORTSECRET: absent
BADSEEDLEN: absent
SECRETTOKENPAYLOAD: absent
redacted as SensitiveParameterValue
Soc2\Jwt\Keys::hmac($secrets): 1
Soc2\Jwt\Keys::ed25519($secret_keys): 1
Soc2\Jwt\Jwt::verify($token): 1
Soc2\Jwt\Jwt::decodeUnverified($token): 1
