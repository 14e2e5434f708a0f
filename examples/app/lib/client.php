<?php
// A tiny HTTP client for the walkthrough and the load test (no curl needed).
declare(strict_types=1);

/** @return array{0:int, 1:array, 2:float} status, decoded JSON body, seconds */
function http(string $method, string $path, ?array $body = null, array $headers = []): array
{
    $base = getenv('SOC2_DEMO_URL') ?: 'http://127.0.0.1:' . (getenv('SOC2_DEMO_PORT') ?: '8089');
    $lines = ['Connection: close'];
    foreach ($headers as $k => $v) { $lines[] = "$k: $v"; }
    if ($body !== null) { $lines[] = 'Content-Type: application/json'; }
    $ctx = stream_context_create(['http' => [
        'method' => $method,
        'header' => implode("\r\n", $lines),
        'content' => $body === null ? '' : json_encode($body),
        'ignore_errors' => true,
        'timeout' => 30,
    ]]);
    $t = hrtime(true);
    $raw = @file_get_contents($base . $path, false, $ctx);
    $elapsed = (hrtime(true) - $t) / 1e9;
    $status = 0;
    foreach ($http_response_header ?? [] as $h) {
        if (preg_match('#^HTTP/\S+ (\d{3})#', $h, $m)) { $status = (int) $m[1]; }
    }
    return [$status, $raw === false ? [] : (json_decode($raw, true) ?? ['raw' => $raw]), $elapsed];
}
