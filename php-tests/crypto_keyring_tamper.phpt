--TEST--
A keyring is authenticated as a whole: editing primary, status, suite, dates, adding, removing or reordering keys, or the MAC fails with KeyException
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$m = MasterKey::generate();
$ring = Keyring::create($m);
$first = $ring->primaryId();
$ring->rotate('aes256gcm');
$json = $ring->toJson();
$other = json_decode(Keyring::create($m)->toJson(), true);

$edits = [
    'primary back to the old key' => fn (&$d) => $d['primary'] = $first,
    'old key re-activated' => fn (&$d) => $d['keys'][0]['status'] = 'active',
    'suite changed' => fn (&$d) => $d['keys'][1]['suite'] = 'xchacha20poly1305',
    'created_at changed' => fn (&$d) => $d['keys'][0]['created_at']++,
    'key id changed' => fn (&$d) => $d['keys'][0]['id'] = '00000000',
    'key removed' => fn (&$d) => array_shift($d['keys']),
    'key added' => fn (&$d) => $d['keys'][] = $other['keys'][0],
    'keys reordered' => fn (&$d) => $d['keys'] = array_reverse($d['keys']),
    'wrapped key swapped' => fn (&$d) => $d['keys'][0]['wrapped'] = $other['keys'][0]['wrapped'],
    'mac from another keyring' => fn (&$d) => $d['mac'] = $other['mac'],
    'mac removed' => function (&$d) { unset($d['mac']); },
    'unknown member' => fn (&$d) => $d['note'] = 'x',
    'version bumped' => fn (&$d) => $d['version'] = 2,
    'master id edited' => fn (&$d) => $d['master_key_id'] = str_repeat('0', 16),
];
foreach ($edits as $label => $edit) {
    $doc = json_decode($json, true);
    $edit($doc);
    try {
        Keyring::load(json_encode($doc), $m);
        echo "$label: ACCEPTED\n";
    } catch (Soc2\KeyException $e) {
        echo "$label: ", $e->getMessage(), "\n";
    }
}
// Flipping any single character of the document is refused or changes nothing the MAC covers
// (whitespace); it never yields a different keyring.
$accepted = 0;
$refused = 0;
for ($i = 0; $i < strlen($json); $i += 3) {
    $bad = $json;
    $bad[$i] = $bad[$i] === 'A' ? 'B' : 'A';
    try {
        $r = Keyring::load($bad, $m);
        $accepted++;
    } catch (Soc2\KeyException $e) {
        $refused++;
    }
}
echo "single-character edits: $refused refused, $accepted accepted\n";
?>
--EXPECTF--
primary back to the old key: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
old key re-activated: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
suite changed: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
created_at changed: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
key id changed: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
key removed: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
key added: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
keys reordered: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
wrapped key swapped: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
mac from another keyring: Soc2\Crypto\Keyring::load(): keyring authentication failed: it was modified, or not written with this master key
mac removed: Soc2\Crypto\Keyring::load(): not a soc2 keyring: invalid JSON at line 1 column %d (unexpected member or value)
unknown member: Soc2\Crypto\Keyring::load(): not a soc2 keyring: invalid JSON at line 1 column %d (unexpected member or value)
version bumped: Soc2\Crypto\Keyring::load(): unsupported keyring version 2 (this build reads version 1)
master id edited: Soc2\Crypto\Keyring::load(): the keyring is wrapped under master key 0000000000000000, not under this master key (%s)
single-character edits: %d refused, 0 accepted
