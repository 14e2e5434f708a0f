<?php
/**
 * Re-encrypts one column of a table, in batches, resumably:
 *
 *  - legacy values (the openssl aes-256-cbc + base64('::' iv) pattern) are
 *    decrypted with Soc2\Crypto\Legacy::decryptOpensslCbc() and encrypted with
 *    the keyring;
 *  - keyring values made with a retired key (after $ring->rotate()) are
 *    re-encrypted under the primary key (needsReencrypt()/reencrypt());
 *  - values already under the primary key, and NULLs, are left alone.
 *
 * Each batch is one transaction that also records the last processed id in a
 * progress table, so an interruption at any point (exception, kill -9, power
 * loss) loses at most the batch in flight, and the next run continues after
 * the last committed id. Every value is bound to its row with the context
 * ['table' => ..., 'column' => ..., 'id' => ...], so a ciphertext copied to
 * another row or column does not decrypt.
 *
 * Written for SQLite (tested) and PostgreSQL (same SQL; for MySQL replace the
 * ON CONFLICT upsert with ON DUPLICATE KEY UPDATE). The id column must be an
 * integer primary key.
 */

declare(strict_types=1);

namespace Soc2Example\Migrate;

use PDO;
use Soc2\Crypto\Keyring;
use Soc2\Crypto\Legacy;

final class ColumnMigrator
{
    public const PROGRESS_TABLE = 'soc2_migration_progress';

    /** @var null|callable(array): void */
    private $onProgress;
    /** @var null|callable(int): void called before each row is written (tests simulate crashes here) */
    private $beforeRow;

    public function __construct(
        private PDO $db,
        private Keyring $ring,
        private string $table,
        private string $column,
        private string $idColumn = 'id',
        #[\SensitiveParameter] private ?string $legacyKey = null,
        private int $batchSize = 1000,
        ?callable $onProgress = null,
        ?callable $beforeRow = null,
    ) {
        foreach ([$table, $column, $idColumn] as $name) {
            if (!preg_match('/^[A-Za-z_][A-Za-z0-9_]*$/', $name)) {
                throw new \ValueError("not a plain SQL identifier: $name");
            }
        }
        if ($batchSize < 1) {
            throw new \ValueError('batch size must be at least 1');
        }
        $this->db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
        $this->onProgress = $onProgress;
        $this->beforeRow = $beforeRow;
        $this->db->exec('CREATE TABLE IF NOT EXISTS ' . self::PROGRESS_TABLE . ' (
            job TEXT PRIMARY KEY, last_id INTEGER NOT NULL, done INTEGER NOT NULL,
            legacy INTEGER NOT NULL, rotated INTEGER NOT NULL, updated_at INTEGER NOT NULL)');
    }

    /** The job's name in the progress table: one job per table column and pass. */
    public function job(): string
    {
        return "{$this->table}.{$this->column}";
    }

    /** ['last_id' => int, 'done' => int, 'legacy' => int, 'rotated' => int] so far. */
    public function progress(): array
    {
        $q = $this->db->prepare('SELECT last_id, done, legacy, rotated FROM ' . self::PROGRESS_TABLE . ' WHERE job = ?');
        $q->execute([$this->job()]);
        $row = $q->fetch(PDO::FETCH_ASSOC);
        return $row ? array_map('intval', $row) : ['last_id' => PHP_INT_MIN, 'done' => 0, 'legacy' => 0, 'rotated' => 0];
    }

    /** Forgets the progress, so the next run() starts from the first row (e.g. after another rotate()). */
    public function reset(): void
    {
        $this->db->prepare('DELETE FROM ' . self::PROGRESS_TABLE . ' WHERE job = ?')->execute([$this->job()]);
    }

    /**
     * Processes batches until the table is done (or $maxBatches batches were
     * committed). Returns the progress, plus 'total', 'finished', 'seconds', 'rate'.
     */
    public function run(?int $maxBatches = null): array
    {
        $t = $this->table;
        $c = $this->column;
        $id = $this->idColumn;
        $total = (int) $this->db->query("SELECT COUNT(*) FROM $t")->fetchColumn();
        $select = $this->db->prepare("SELECT $id, $c FROM $t WHERE $id > ? ORDER BY $id LIMIT " . $this->batchSize);
        $update = $this->db->prepare("UPDATE $t SET $c = ? WHERE $id = ?");
        $save = $this->db->prepare('INSERT INTO ' . self::PROGRESS_TABLE
            . ' (job, last_id, done, legacy, rotated, updated_at) VALUES (?, ?, ?, ?, ?, ?)'
            . ' ON CONFLICT (job) DO UPDATE SET last_id = excluded.last_id, done = excluded.done,'
            . ' legacy = excluded.legacy, rotated = excluded.rotated, updated_at = excluded.updated_at');
        $p = $this->progress();
        $start = microtime(true);
        $doneAtStart = $p['done'];
        $batches = 0;
        $finished = false;
        while ($maxBatches === null || $batches < $maxBatches) {
            $this->db->beginTransaction();
            try {
                $select->execute([$p['last_id']]);
                $rows = $select->fetchAll(PDO::FETCH_NUM);
                if (!$rows) {
                    $this->db->commit();
                    $finished = true;
                    break;
                }
                foreach ($rows as [$rowId, $value]) {
                    $rowId = (int) $rowId;
                    $new = $this->convert($rowId, $value, $p);
                    if ($new !== null) {
                        if ($this->beforeRow) {
                            ($this->beforeRow)($rowId);
                        }
                        $update->execute([$new, $rowId]);
                    }
                    $p['last_id'] = $rowId;
                    $p['done']++;
                }
                $save->execute([$this->job(), $p['last_id'], $p['done'], $p['legacy'], $p['rotated'], time()]);
                $this->db->commit();
            } catch (\Throwable $e) {
                $this->db->rollBack(); // the batch and its progress record go together
                throw $e;
            }
            $batches++;
            $this->report($p, $total, $start, $doneAtStart, false);
        }
        return $this->report($p, $total, $start, $doneAtStart, $finished);
    }

    /** The new column value, or null when the row needs no change. */
    private function convert(int $rowId, mixed $value, array &$p): ?string
    {
        if ($value === null || $value === '') {
            return null;
        }
        $value = (string) $value;
        $context = ['table' => $this->table, 'column' => $this->column, 'id' => $rowId];
        if (str_starts_with($value, 'soc2e1:')) {
            if (!$this->ring->needsReencrypt($value)) {
                return null;
            }
            $p['rotated']++;
            return $this->ring->reencrypt($value, $context);
        }
        if ($this->legacyKey === null) {
            throw new \RuntimeException("row {$rowId}: a legacy value, but no legacy key was given");
        }
        try {
            $plain = Legacy::decryptOpensslCbc($value, $this->legacyKey);
        } catch (\Soc2\CryptoException $e) {
            throw new \RuntimeException("row {$rowId}: the legacy value does not decrypt with the legacy key", 0, $e);
        }
        $p['legacy']++;
        return $this->ring->encrypt($plain, $context);
    }

    private function report(array $p, int $total, float $start, int $doneAtStart, bool $finished): array
    {
        $seconds = microtime(true) - $start;
        $r = $p + [
            'total' => $total,
            'finished' => $finished,
            'seconds' => $seconds,
            'rate' => $seconds > 0 ? ($p['done'] - $doneAtStart) / $seconds : 0.0,
        ];
        if ($this->onProgress) {
            ($this->onProgress)($r);
        }
        return $r;
    }
}
