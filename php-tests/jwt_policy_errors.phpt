--TEST--
JWT verify: the policy is required and validated (iss/aud must be given, unknown keys refused)
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
use Soc2\Jwt\Jwt;
$t = good();
function attempt(string $label, array $policy): void {
    global $t;
    try { Jwt::verify($t, keys(), $policy); echo "$label: accepted\n"; }
    catch (Throwable $e) { echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n"; }
}
attempt('empty policy', []);
attempt('no aud', ['iss' => 'x']);
attempt('no iss', ['aud' => 'x']);
attempt('both null', ['iss' => null, 'aud' => null, 'now' => NOW]);
attempt('iss not string', ['iss' => 5, 'aud' => null]);
attempt('aud map', ['iss' => null, 'aud' => ['a' => 'api']]);
attempt('unknown key', ['iss' => null, 'aud' => null, 'audience' => 'api']);
attempt('required not list', ['iss' => null, 'aud' => null, 'required' => 'sub']);
attempt('required with int', ['iss' => null, 'aud' => null, 'required' => [1]]);
attempt('max_age negative', ['iss' => null, 'aud' => null, 'max_age' => -1]);
attempt('non-UTF-8 key', ['iss' => null, 'aud' => null, "\xff" => 1]);
attempt('now string', ['iss' => null, 'aud' => null, 'now' => '123']);
try { Jwt::verify($t, keys()); } catch (ArgumentCountError $e) { echo get_class($e), "\n"; }
?>
--EXPECT--
empty policy: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) must set "iss" (the expected issuer, or null to accept any)
no aud: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) must set "aud" (this service's audience, or null to accept tokens without one)
no iss: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) must set "iss" (the expected issuer, or null to accept any)
both null: Soc2\Jwt\TokenException: Soc2\Jwt\Jwt::verify(): token names an audience but the policy accepts none (aud => null)
iss not string: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) "iss" must be a string or null
aud map: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) "aud" must be a string or a list of strings
unknown key: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) has unknown key "audience" (expected iss, aud, leeway, max_age, required, now)
required not list: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) "required" must be a list of claim names
required with int: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) "required" must be a list of claim names
max_age negative: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) "max_age" must not be negative
non-UTF-8 key: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) has unknown key "�" (expected iss, aud, leeway, max_age, required, now)
now string: ValueError: Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) option "now" must be an integer
ArgumentCountError
