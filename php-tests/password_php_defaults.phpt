--TEST--
Soc2\Password defaults equal PHP's PASSWORD_ARGON2ID defaults and produce the same PHC layout
--FILE--
<?php
$ours = Soc2\Password::hash('correct horse battery staple');
$php = password_hash('correct horse battery staple', PASSWORD_ARGON2ID);
$layout = fn ($h) => preg_replace('/\$[A-Za-z0-9+\/]+\$[A-Za-z0-9+\/]+$/', '$SALT$HASH', $h);
var_dump($layout($ours) === $layout($php), $layout($ours));
var_dump(strlen($ours) === strlen($php));
var_dump(password_get_info($ours));
var_dump(password_verify('correct horse battery staple', $ours));
var_dump(password_needs_rehash($ours, PASSWORD_ARGON2ID));
var_dump(Soc2\Password::needsRehash($php));
?>
--EXPECT--
bool(true)
string(40) "$argon2id$v=19$m=65536,t=4,p=1$SALT$HASH"
bool(true)
array(3) {
  ["algo"]=>
  string(8) "argon2id"
  ["algoName"]=>
  string(8) "argon2id"
  ["options"]=>
  array(3) {
    ["memory_cost"]=>
    int(65536)
    ["time_cost"]=>
    int(4)
    ["threads"]=>
    int(1)
  }
}
bool(true)
bool(false)
bool(false)
