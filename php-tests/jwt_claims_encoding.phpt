--TEST--
JWT sign: claims json_encode cannot represent faithfully are a ValueError; options validated
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
use Soc2\Jwt\Jwt;
function attempt(string $label, array $claims, array $options = []): void {
    try { $t = Jwt::sign($claims, keys(), $options); echo "$label: accepted\n"; }
    catch (Throwable $e) { echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n"; }
}
$self = ['a' => 1]; $self['me'] = &$self;
$deep = 'leaf'; for ($i = 0; $i < 40; $i++) { $deep = [$deep]; }
$ok = 'leaf'; for ($i = 0; $i < 30; $i++) { $ok = [$ok]; }
attempt('object', ['o' => new stdClass]);
attempt('closure', ['f' => fn() => 1]);
attempt('resource', ['r' => STDIN]);
attempt('NAN', ['n' => NAN]);
attempt('INF nested', ['n' => [1, INF]]);
attempt('invalid UTF-8 value', ['s' => "\xff\xfe"]);
attempt('invalid UTF-8 key', ["\xff" => 1]);
attempt('invalid UTF-8 nested key', ['m' => ["\xff" => 1]]);
attempt('invalid UTF-8 option key', [], ["\xff" => 1]);
attempt('self reference', $self);
attempt('41 levels', ['d' => $deep]);
attempt('31 levels', ['d' => $ok]);
attempt('list as claims', [1, 2]);
attempt('iat given', ['iat' => 1]);
attempt('exp given', ['exp' => 1]);
attempt('nbf given', ['nbf' => 1]);
attempt('sub not string', ['sub' => 42]);
attempt('jti not string', ['jti' => 42]);
attempt('ttl 0', [], ['ttl' => 0]);
attempt('ttl too long', [], ['ttl' => 400 * 86400]);
attempt('ttl string', [], ['ttl' => '60']);
attempt('unknown option', [], ['alg' => 'none']);
attempt('kid not string', [], ['kid' => 1]);
// Break the reference cycle: PHP does not collect cycles at shutdown, and
// `make check-memory` would count the array as leaked (by PHP, not soc2).
unset($self);
gc_collect_cycles();
?>
--EXPECT--
object: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) holds an object; only arrays and scalars are encoded
closure: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) holds an object; only arrays and scalars are encoded
resource: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) holds a value that JSON cannot encode
NAN: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) holds NAN or INF, which JSON cannot encode
INF nested: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) holds NAN or INF, which JSON cannot encode
invalid UTF-8 value: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) holds a string that is not valid UTF-8
invalid UTF-8 key: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) has a key that is not valid UTF-8
invalid UTF-8 nested key: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) has a key that is not valid UTF-8
invalid UTF-8 option key: ValueError: Soc2\Jwt\Jwt::sign(): Argument #3 ($options) has unknown option "�" (expected ttl, nbf, kid, now)
self reference: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) nests deeper than 32 levels
41 levels: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) nests deeper than 32 levels
31 levels: accepted
list as claims: accepted
iat given: ValueError: Soc2\Jwt\Jwt::sign(): claim iat is set by sign(); use the ttl and nbf options
exp given: ValueError: Soc2\Jwt\Jwt::sign(): claim exp is set by sign(); use the ttl and nbf options
nbf given: ValueError: Soc2\Jwt\Jwt::sign(): claim nbf is set by sign(); use the ttl and nbf options
sub not string: ValueError: Soc2\Jwt\Jwt::sign(): claim sub must be a string
jti not string: ValueError: Soc2\Jwt\Jwt::sign(): claim jti must be a string
ttl 0: ValueError: Soc2\Jwt\Jwt::sign(): Argument #3 ($options) option "ttl" must be between 1 and 31622400
ttl too long: ValueError: Soc2\Jwt\Jwt::sign(): Argument #3 ($options) option "ttl" must be between 1 and 31622400
ttl string: ValueError: Soc2\Jwt\Jwt::sign(): Argument #3 ($options) option "ttl" must be an integer
unknown option: ValueError: Soc2\Jwt\Jwt::sign(): Argument #3 ($options) has unknown option "alg" (expected ttl, nbf, kid, now)
kid not string: ValueError: Soc2\Jwt\Jwt::sign(): Argument #3 ($options) option "kid" must be a string
