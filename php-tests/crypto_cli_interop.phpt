--TEST--
A keyring made by the soc2 CLI opens in PHP and the reverse; rotate, rewrap and show through the CLI; exit codes
--SKIPIF--
<?php if (!getenv('SOC2_CLI') || !is_executable(getenv('SOC2_CLI'))) die('skip SOC2_CLI not set'); ?>
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$cli = getenv('SOC2_CLI');
$dir = sys_get_temp_dir() . '/soc2-cli-interop-' . getmypid();
@mkdir($dir, 0700);
function cli(string ...$args): array {
    global $cli;
    $cmd = escapeshellarg($cli) . ' ' . implode(' ', array_map('escapeshellarg', $args)) . ' 2>&1';
    exec($cmd, $out, $rc);
    return [$rc, implode("\n", $out)];
}

// CLI -> PHP
[$rc] = cli('master-key', 'generate', '--out', "$dir/mk");
printf("generate rc=%d mode=%04o\n", $rc, fileperms("$dir/mk") & 0777);
[$rc] = cli('keyring', 'create', "$dir/ring.json", '--suite', 'aes256gcm', '--master-key-file', "$dir/mk");
echo "create rc=$rc\n";
$m = MasterKey::fromFile("$dir/mk");
[$rc, $id] = cli('master-key', 'id', '--master-key-file', "$dir/mk");
var_dump($rc, $id === $m->id());
$ring = Keyring::open("$dir/ring.json", $m);
echo $ring->keys()[0]['suite'], "\n";
$ct = $ring->encrypt('from php', ['id' => 1]);

// PHP -> CLI: rotate in PHP, save, then rotate with the CLI, reopen in PHP.
$ring->rotate('xchacha20poly1305');
$ring->save("$dir/ring.json");
[$rc, $newId] = cli('keyring', 'rotate', "$dir/ring.json", '--master-key-file', "$dir/mk");
echo "cli rotate rc=$rc\n";
$ring = Keyring::open("$dir/ring.json", $m);
var_dump($ring->primaryId() === $newId, count($ring->keys()), $ring->decrypt($ct, ['id' => '1']));
echo json_encode(array_column($ring->keys(), 'suite')), "\n";

// CLI show --json agrees with PHP's keys().
[$rc, $json] = cli('keyring', 'show', "$dir/ring.json", '--json', '--master-key-file', "$dir/mk");
$shown = json_decode($json, true);
var_dump($rc, $shown['keys'] == $ring->keys(), $shown['master_key_id'] === $m->id());

// CLI rewrap: old ciphertexts still decrypt under the new master key.
$m2 = MasterKey::generate();
putenv('SOC2_TEST_NEW_MK=' . $m2->export());
[$rc] = cli('keyring', 'rewrap', "$dir/ring.json", '--master-key-file', "$dir/mk", '--new-master-key-env', 'SOC2_TEST_NEW_MK');
echo "rewrap rc=$rc\n";
var_dump(Keyring::open("$dir/ring.json", $m2)->decrypt($ct, ['id' => 1]));
try {
    Keyring::open("$dir/ring.json", $m);
} catch (Soc2\KeyException $e) {
    echo "old master refused\n";
}

// Exit codes: 1 verification failure, 2 usage, 3 key/I-O problems.
echo 'wrong master: ', cli('keyring', 'show', "$dir/ring.json", '--master-key-file', "$dir/mk")[0], "\n";
file_put_contents("$dir/ring.json", str_replace('"retired"', '"active"', file_get_contents("$dir/ring.json")));
putenv('SOC2_MASTER_KEY=' . $m2->export());
echo 'tampered: ', cli('keyring', 'show', "$dir/ring.json")[0], "\n";
echo 'usage: ', cli('keyring', 'show')[0], ' ', cli('keyring', 'create', "$dir/x.json", '--suite', 'des')[0], "\n";
chmod("$dir/mk", 0644);
[$rc, $out] = cli('master-key', 'id', '--master-key-file', "$dir/mk");
echo "loose permissions: $rc ", str_contains($out, 'group or others') ? 'explained' : $out, "\n";
chmod("$dir/mk", 0600);
[$rc, $out] = cli('keyring', 'create', "$dir/ring.json", '--master-key-file', "$dir/mk");
echo "create over an existing file: $rc\n";
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
generate rc=0 mode=0600
create rc=0
int(0)
bool(true)
aes256gcm
cli rotate rc=0
bool(true)
int(3)
string(8) "from php"
["aes256gcm","xchacha20poly1305","xchacha20poly1305"]
int(0)
bool(true)
bool(true)
rewrap rc=0
string(8) "from php"
old master refused
wrong master: 1
tampered: 1
usage: 2 2
loose permissions: 3 explained
create over an existing file: 3
