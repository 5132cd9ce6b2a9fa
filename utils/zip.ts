/** Builds one ZIP file by file, for sinks that fetch documents one at a time. */
import JSZip from 'jszip';

// The earliest time a ZIP can store: a fixed stamp makes the output byte-for-byte reproducible and is clearly not real.
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

/** Collects files and writes them as an uncompressed ZIP. */
export interface ZipBuilder {
  /** Adds a file; throws if the path is already used, because a silent overwrite would lose a document. */
  add(path: string, bytes: Uint8Array): void;
  /** Adds a text file, encoded as UTF-8. */
  addText(path: string, text: string): void;
  has(path: string): boolean;
  /** Number of files added. */
  readonly size: number;
  generate(): Promise<Uint8Array>;
  generateBlob(): Promise<Blob>;
}

/** Creates an empty ZIP builder. */
export function createZipBuilder(): ZipBuilder {
  const zip = new JSZip();
  const paths = new Set<string>();

  const add = (path: string, bytes: Uint8Array): void => {
    if (paths.has(path)) throw new Error(`Duplicate path in ZIP: ${path}`);
    paths.add(path);
    // STORE: PDFs are already compressed, so deflating costs time for nothing.
    // No folder entries: JSZip would stamp them with the current time, breaking reproducibility.
    zip.file(path, bytes, { binary: true, compression: 'STORE', date: FIXED_DATE, createFolders: false });
  };

  const generate = (): Promise<Uint8Array> => zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  // An ArrayBuffer (unlike JSZip's Uint8Array<ArrayBufferLike>) is a BlobPart as far as TypeScript is concerned.
  const generateBuffer = (): Promise<ArrayBuffer> => zip.generateAsync({ type: 'arraybuffer', compression: 'STORE' });

  return {
    add,
    addText: (path, text) => add(path, new TextEncoder().encode(text)),
    has: (path) => paths.has(path),
    get size() {
      return paths.size;
    },
    generate,
    generateBlob: async () => new Blob([await generateBuffer()], { type: 'application/zip' }),
  };
}

/** Writes a small throwaway ZIP, so that the first real one does not run JSZip's CRC and stream code cold. */
export async function warmUpZipWriter(): Promise<void> {
  const builder = createZipBuilder();
  for (let index = 0; index < 16; index++) builder.add(`${index}.pdf`, new Uint8Array(8192));
  await builder.generate();
}
