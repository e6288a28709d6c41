import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readTextFile, readTextFileSync } from '../../server/src/node/fileScanner.js';

describe('The synchronous file reader of the initial scan', () => {
  let folder = '';
  before(() => (folder = mkdtempSync(path.join(tmpdir(), 'marginalia-reader-'))));
  after(() => rmSync(folder, { recursive: true, force: true }));

  const write = (name: string, data: string | Buffer): string => {
    const file = path.join(folder, name);
    writeFileSync(file, data);
    return file;
  };

  it('Should read every kind of file exactly as the asynchronous reader does', async () => {
    const text = 'Trotsky’s 👨‍👩‍👧 exile in México.\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    const files = [
      write('plain.md', text),
      write('ascii.md', 'Stalin and Trotsky.\n'),
      write('utf8bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
      write('bom-only.md', Buffer.from([0xef, 0xbb, 0xbf])),
      write('le.md', le),
      write('be.md', be),
      write('empty.md', ''),
      write('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00])),
      write('latin1.txt', Buffer.from('Trotsky in M\xe9xico', 'latin1')),
      write('overlong.md', Buffer.from([0x54, 0xc0, 0xaf, 0x0a])),
      write('surrogate.md', Buffer.from([0x41, 0xed, 0xa0, 0x80, 0x0a])),
      write('truncated.md', Buffer.from('Trotsky’', 'utf8').subarray(0, 9)),
      write('long.md', 'Zinovyev – Kamenev. '.repeat(80_000)),
      write('short-after-long.md', 'Bukharin.'),
    ];
    for (const file of files) assert.deepEqual(readTextFileSync(file), await readTextFile(file), file);
    assert.deepEqual(readTextFileSync(path.join(folder, 'plain.md')), { text });
    assert.deepEqual(readTextFileSync(path.join(folder, 'utf8bom.md')), { text });
    assert.deepEqual(readTextFileSync(path.join(folder, 'bom-only.md')), { text: '' });
    assert.deepEqual(readTextFileSync(path.join(folder, 'le.md')), { text });
    assert.deepEqual(readTextFileSync(path.join(folder, 'be.md')), { text });
  });

  it('Should skip a file over the size limit, and say why it cannot read a missing file', () => {
    const huge = write('huge.md', Buffer.alloc(6 * 1024 * 1024, 'a'));
    assert.deepEqual(readTextFileSync(huge), { skipped: `${huge} is 6.0 MB, over the 5 MB limit; not analysed.` });
    const pipe = path.join(folder, 'pipe.md');
    execFileSync('mkfifo', [pipe]);
    assert.deepEqual(readTextFileSync(pipe), { skipped: `${pipe} is not a regular file; not analysed.` });
    const missing = path.join(folder, 'missing.md');
    assert.deepEqual(readTextFileSync(missing), { skipped: `Cannot read ${missing}: ENOENT: no such file or directory, stat '${missing}'` });
  });
});
