--TEST--
Soc2\Audit::log: secrets at any depth and secret-looking values never reach the file
--INI--
soc2.audit_redact_keys=ssn, mothers_maiden
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log] = audit_setup('redact');
$jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImV4cCI6MX0.S3cr3tS1gnatureS3cr3tS1gnature_x';
$secrets = ['PW-top-1', 'PW-deep-2', 'APIKEY-3', 'COOKIE-4', 'SESS-5', 'PRIV-6', 'TOK-7', 'AUTHZ-8',
    'SSN-9', 'MAIDEN-10', 'S3cr3tS1gnature', 'BearerTok3n-11', '4111111111111111', '5500 0000 0000 0004'];
Soc2\Audit::log('authn_login_fail', [
    'password' => 'PW-top-1',
    'request' => [
        'headers' => ['Authorization' => 'AUTHZ-8', 'Cookie' => 'COOKIE-4', 'X-Api-Key' => 'APIKEY-3'],
        'body' => ['user' => ['new_password' => 'PW-deep-2', 'private_key' => 'PRIV-6']],
        'PHPSESSID' => 'SESS-5',
        'list' => [['refresh_token' => 'TOK-7']],
    ],
    'user_ssn' => 'SSN-9',
    'mothers_maiden_name' => 'MAIDEN-10',
    'note' => "forwarded $jwt and Bearer BearerTok3n-11",
    'card' => 4111111111111111,
    'memo' => 'paid with 5500 0000 0000 0004 today',
    'order' => '1234567890',
], 'failure');
$raw = file_get_contents($log);
foreach ($secrets as $s) {
    if (str_contains($raw, $s)) echo "LEAKED: $s\n";
}
$r = json_decode($raw, true);
echo json_encode($r['soc2.fields'], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";

// Control characters cannot forge a line.
Soc2\Audit::log('input_validation_fail', ['input' => "x\n{\"event.action\":\"authn_login_success\"}\r\x1b[2J\u{2028}"]);
var_dump(count(audit_lines($log)));
var_dump(json_decode(audit_lines($log)[1], true)['soc2.fields']['input'] === "x\n{\"event.action\":\"authn_login_success\"}\r\x1b[2J\u{2028}");
var_dump(str_contains(file_get_contents($log), '\u2028'));

// Size caps leave markers.
Soc2\Audit::log('app_big', ['blob' => str_repeat('a', 5000), 'many' => range(1, 300), 'deep' => [[[[[[[[[['x']]]]]]]]]]]);
$f = json_decode(audit_lines($log)[2], true)['soc2.fields'];
var_dump(strlen($f['blob']), str_ends_with($f['blob'], '…[TRUNCATED 2952 bytes]'), count($f['many']), end($f['many']));
echo json_encode($f['deep']), "\n";
Soc2\Audit::log('app_huge', array_fill(0, 200, str_repeat('b', 2000)));
echo json_encode(json_decode(audit_lines($log)[3], true)['soc2.fields']), "\n";
var_dump(Soc2\Audit::verify($log)['ok']);
?>
--EXPECTF--
{
    "password": "[REDACTED]",
    "request": {
        "headers": {
            "Authorization": "[REDACTED]",
            "Cookie": "[REDACTED]",
            "X-Api-Key": "[REDACTED]"
        },
        "body": {
            "user": {
                "new_password": "[REDACTED]",
                "private_key": "[REDACTED]"
            }
        },
        "PHPSESSID": "[REDACTED]",
        "list": [
            {
                "refresh_token": "[REDACTED]"
            }
        ]
    },
    "user_ssn": "[REDACTED]",
    "mothers_maiden_name": "[REDACTED]",
    "note": "forwarded [REDACTED:jwt] and Bearer [REDACTED]",
    "card": "[REDACTED:pan]",
    "memo": "paid with [REDACTED:pan] today",
    "order": "1234567890"
}
int(2)
bool(true)
bool(true)
int(2073)
bool(true)
int(257)
string(25) "[TRUNCATED 44 more items]"
[[[[[[["[TRUNCATED depth]"]]]]]]]
{"[TRUNCATED]":"fields of %d bytes exceed the 16384-byte record cap"}
bool(true)
