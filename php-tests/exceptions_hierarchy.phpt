--TEST--
The Soc2 exception hierarchy: instanceof chain, catchable as RuntimeException, constructible, with file and line
--FILE--
<?php
$classes = ['Soc2\Exception', 'Soc2\CryptoException', 'Soc2\UnknownKeyException',
            'Soc2\KeyException', 'Soc2\AuditException', 'Soc2\Jwt\TokenException'];
foreach ($classes as $c) {
    $chain = [];
    for ($p = $c; $p; $p = get_parent_class($p)) { $chain[] = $p; }
    try {
        throw new $c("msg", 7);
    } catch (RuntimeException $e) {
        printf("%s: %s | soc2=%s line=%d code=%d\n", $c, implode(' < ', array_slice($chain, 1)),
            var_export($e instanceof Soc2\Exception, true), $e->getLine(), $e->getCode());
    }
}
var_dump(new Soc2\UnknownKeyException('k') instanceof Soc2\CryptoException);
var_dump(new Soc2\KeyException('k') instanceof Soc2\CryptoException);
$t = new Soc2\Jwt\TokenException('bad');
var_dump($t->reason());
?>
--EXPECT--
Soc2\Exception: RuntimeException < Exception | soc2=true line=8 code=7
Soc2\CryptoException: Soc2\Exception < RuntimeException < Exception | soc2=true line=8 code=7
Soc2\UnknownKeyException: Soc2\CryptoException < Soc2\Exception < RuntimeException < Exception | soc2=true line=8 code=7
Soc2\KeyException: Soc2\Exception < RuntimeException < Exception | soc2=true line=8 code=7
Soc2\AuditException: Soc2\Exception < RuntimeException < Exception | soc2=true line=8 code=7
Soc2\Jwt\TokenException: Soc2\Exception < RuntimeException < Exception | soc2=true line=8 code=7
bool(true)
bool(false)
string(0) ""
