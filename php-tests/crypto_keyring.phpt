--TEST--
Soc2\Crypto\Keyring: create, toJson/load, save/open (atomic, mode 0600), keys() metadata, primaryId, bad suites and wrong master keys
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$m = MasterKey::generate();
$ring = Keyring::create($m, 'aes256gcm');
var_dump(preg_match('/^[0-9a-f]{8}$/', $ring->primaryId()));
$keys = $ring->keys();
echo json_encode(array_keys($keys[0])), ' ', $keys[0]['suite'], ' ', $keys[0]['status'], ' ',
    var_export($keys[0]['primary'], true), ' ', var_export($keys[0]['id'] === $ring->primaryId(), true),
    ' recent=', var_export(abs($keys[0]['created_at'] - time()) < 60, true), "\n";
var_dump(Keyring::create($m)->keys()[0]['suite']);

$json = $ring->toJson();
$doc = json_decode($json, true);
echo json_encode(array_keys($doc)), ' ', $doc['format'], ' v', $doc['version'], ' master=',
    var_export($doc['master_key_id'] === $m->id(), true), "\n";
echo json_encode(array_keys($doc['keys'][0])), "\n";
var_dump(str_contains($json, substr($m->export(), 8)));

$ct = $ring->encrypt('payload', ['k' => 'v']);
$loaded = Keyring::load($json, $m);
var_dump($loaded->primaryId() === $ring->primaryId(), $loaded->keys() == $ring->keys(),
    $loaded->decrypt($ct, ['k' => 'v']));

$dir = sys_get_temp_dir() . '/soc2-keyring-' . getmypid();
@mkdir($dir, 0700);
$path = "$dir/keyring.json";
umask(0022);
$ring->save($path);
clearstatcache();
printf("mode %04o\n", fileperms($path) & 0777);
$ring->save($path); // overwrite
clearstatcache();
printf("mode %04o, files in dir: %s\n", fileperms($path) & 0777, implode(',', array_diff(scandir($dir), ['.', '..'])));
var_dump(Keyring::open($path, $m)->decrypt($ct, ['k' => 'v']));

// Wrong master key: the message names both fingerprints, nothing secret.
$other = MasterKey::generate();
foreach ([fn () => Keyring::load($json, $other), fn () => Keyring::open($path, $other)] as $f) {
    try {
        $f();
    } catch (Soc2\KeyException $e) {
        echo str_replace([$m->id(), $other->id(), $dir], ['MASTER', 'OTHER', 'DIR'], $e->getMessage()), "\n";
    }
}
foreach ([fn () => Keyring::open("$dir/missing.json", $m), fn () => Keyring::load('', $m),
          fn () => Keyring::load('{"format":"soc2-keyring"}', $m), fn () => Keyring::load('[1,2]', $m),
          fn () => $ring->save("$dir/no/such/dir/k.json")] as $f) {
    try {
        $f();
    } catch (Soc2\KeyException $e) {
        echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
    }
}
foreach ([fn () => Keyring::create($m, 'aes128cbc'), fn () => Keyring::create($m, ''),
          fn () => $ring->rotate('AES256GCM'), fn () => Keyring::open('', $m), fn () => $ring->save("a\0b")] as $f) {
    try {
        $f();
    } catch (ValueError $e) {
        echo 'ValueError: ', $e->getMessage(), "\n";
    }
}
foreach ([fn () => Keyring::create('key'), fn () => Keyring::load($json, 'key'), fn () => $ring->toJson('x')] as $f) {
    try {
        $f();
    } catch (TypeError $e) {
        echo "TypeError\n";
    }
}
unlink($path);
rmdir($dir);
?>
--EXPECT--
int(1)
["id","suite","status","created_at","primary"] aes256gcm active true true recent=true
string(17) "xchacha20poly1305"
["format","version","master_key_id","primary","keys","blind_index_key","mac"] soc2-keyring v1 master=true
["id","suite","status","created_at","wrapped"]
bool(false)
bool(true)
bool(true)
string(7) "payload"
mode 0600
mode 0600, files in dir: keyring.json
string(7) "payload"
Soc2\Crypto\Keyring::load(): the keyring is wrapped under master key MASTER, not under this master key (OTHER)
Soc2\Crypto\Keyring::open(): keyring file DIR/keyring.json: the keyring is wrapped under master key MASTER, not under this master key (OTHER)
Soc2\Crypto\Keyring::open(): cannot open keyring file DIR/missing.json: No such file or directory
Soc2\Crypto\Keyring::load(): not a soc2 keyring: invalid JSON at line 1 column 0 (unexpected end)
Soc2\Crypto\Keyring::load(): not a soc2 keyring: invalid JSON at line 1 column 25 (unexpected member or value)
Soc2\Crypto\Keyring::load(): not a soc2 keyring: invalid JSON at line 1 column 2 (unexpected member or value)
Soc2\Crypto\Keyring::save(): cannot write keyring file DIR/no/such/dir/k.json: No such file or directory
ValueError: Soc2\Crypto\Keyring::create(): Argument #2 ($suite) must be "xchacha20poly1305" or "aes256gcm"
ValueError: Soc2\Crypto\Keyring::create(): Argument #2 ($suite) must be "xchacha20poly1305" or "aes256gcm"
ValueError: Soc2\Crypto\Keyring::rotate(): Argument #1 ($suite) must be "xchacha20poly1305" or "aes256gcm"
ValueError: Soc2\Crypto\Keyring::open(): Argument #1 ($path) cannot be empty
ValueError: Soc2\Crypto\Keyring::save(): Argument #1 ($path) must not contain any null bytes
TypeError
TypeError
TypeError
