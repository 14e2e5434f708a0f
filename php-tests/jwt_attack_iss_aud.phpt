--TEST--
JWT attack: wrong or missing issuer / audience; audience waived
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
$h = '{"alg":"HS256","kid":"k1"}';
check("wrong iss", craft($h, payload(['iss' => 'https://evil.example'])));
check("iss differs by case", craft($h, payload(['iss' => 'https://ISSUER.example'])));
check("wrong aud", craft($h, payload(['aud' => 'admin-api'])));
check("missing iss", craft($h, json_encode(['aud' => 'api', 'sub' => 'u', 'exp' => NOW + 60])));
check("missing aud", craft($h, json_encode(['iss' => 'https://issuer.example', 'sub' => 'u', 'exp' => NOW + 60])));
check("iss waived", craft($h, payload(['iss' => 'anyone'])), null, policy(['iss' => null]));
check("aud waived, token has none", craft($h, json_encode(['iss' => 'https://issuer.example', 'sub' => 'u', 'exp' => NOW + 60])), null, policy(['aud' => null]));
check("aud waived, token names one", craft($h, payload()), null, policy(['aud' => null]));
check("required sub missing", craft($h, json_encode(['iss' => 'https://issuer.example', 'aud' => 'api', 'exp' => NOW + 60])), null, policy(['required' => ['sub']]));
check("required present", craft($h, payload()), null, policy(['required' => ['sub', 'iat']]));
?>
--EXPECT--
wrong iss: claim_mismatch
iss differs by case: claim_mismatch
wrong aud: claim_mismatch
missing iss: missing_claim
missing aud: missing_claim
iss waived: ok (sub=user-1)
aud waived, token has none: ok (sub=u)
aud waived, token names one: claim_mismatch
required sub missing: missing_claim
required present: ok (sub=user-1)
