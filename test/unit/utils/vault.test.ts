import { beforeAll, describe, expect, it } from 'vitest';
import {
  isPassphraseAcceptable,
  openVault,
  PBKDF2_ITERATIONS,
  resealVault,
  sealVault,
  VAULT_VERSION,
  VaultError,
  type VaultEnvelope,
  type VaultKey,
  type VaultSecrets,
} from '@/utils/vault';

// Every seal and every open that gets past the header runs a real 600,000-iteration PBKDF2 (~0.3 s here), so vaults
// are sealed once and shared, and the suites that only open run their cases concurrently.
const SLOW = { timeout: 20_000 };

// The composed "é" lets one test type the same passphrase decomposed.
const PASSPHRASE = 'correct horse café staple';
const SECRETS: VaultSecrets = {
  'profile-main': {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  'profile-temp': {
    accessKeyId: 'ASIAY34FZKBOKMUTVV7A',
    secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENvaultTEST',
  },
};
const SECRET_TEXTS = Object.values(SECRETS).flatMap((secret) => [
  secret.accessKeyId,
  secret.secretAccessKey,
  ...(secret.sessionToken === undefined ? [] : [secret.sessionToken]),
]);

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function encodeBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** Flips the low bit of one byte; a negative index counts from the end (the GCM tag). */
function flipByte(base64: string, index: number): string {
  const bytes = decodeBase64(base64);
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return encodeBase64(bytes);
}

function randomBase64(length: number): string {
  return encodeBase64(crypto.getRandomValues(new Uint8Array(length)));
}

/** The VaultError reason a promise rejects with, or 'resolved'; any other error fails the test. */
async function getRejectionReason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (error instanceof VaultError) return error.reason;
    throw error;
  }
}

/** Builds a legacy v1 vault the way the old writer did: PBKDF2-SHA256 straight to an AES-GCM key, no check, no AAD. */
async function buildV1Vault(secrets: VaultSecrets, passphrase: string): Promise<Record<string, unknown>> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 310_000 },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(JSON.stringify(secrets)),
  );
  return {
    format: 'aws-invoice-downloader/vault',
    version: 1,
    salt: encodeBase64(salt),
    iv: encodeBase64(iv),
    iterations: 310_000,
    ciphertext: encodeBase64(new Uint8Array(ciphertext)),
  };
}

let sealed: { envelope: VaultEnvelope; key: VaultKey };

beforeAll(async () => {
  sealed = await sealVault(SECRETS, PASSPHRASE);
}, SLOW.timeout);

describe('sealVault and openVault', SLOW, () => {
  it('round trips two profiles, one with a session token, through JSON storage', async () => {
    const stored: unknown = JSON.parse(JSON.stringify(sealed.envelope));

    const opened = await openVault(stored, PASSPHRASE);

    expect(opened.secrets).toEqual(SECRETS);
    expect(opened.secrets['profile-temp']?.sessionToken).toBe('IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENvaultTEST');
    expect(opened.migrated).toBe(false);
    expect(opened.key).toEqual(sealed.key);
    expect(opened.envelope).toEqual(sealed.envelope);
  });

  it('writes the documented envelope, with neither a secret nor the passphrase in it', () => {
    const { envelope, key } = sealed;
    const json = JSON.stringify(envelope);

    expect(envelope.format).toBe('aws-invoice-downloader/vault');
    expect(envelope.version).toBe(VAULT_VERSION);
    expect(envelope.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(envelope.cipher.name).toBe('AES-GCM');
    expect(decodeBase64(envelope.kdf.salt)).toHaveLength(16);
    expect(decodeBase64(envelope.cipher.iv)).toHaveLength(12);
    expect(decodeBase64(envelope.check)).toHaveLength(32);
    // GCM adds exactly its 16-byte tag: the plaintext is the secrets' JSON, nothing more.
    expect(decodeBase64(envelope.ciphertext)).toHaveLength(JSON.stringify(SECRETS).length + 16);
    expect(JSON.parse(json)).toEqual(envelope);
    for (const text of [...SECRET_TEXTS, PASSPHRASE, 'profile-main', 'profile-temp']) {
      expect(json).not.toContain(text);
    }

    expect(key.salt).toBe(envelope.kdf.salt);
    expect(key.iterations).toBe(600_000);
    expect(decodeBase64(key.encryptionKey)).toHaveLength(32);
    expect(decodeBase64(key.checkKey)).toHaveLength(32);
    expect(key.encryptionKey).not.toBe(key.checkKey);
    expect(JSON.stringify(key)).not.toContain(PASSPHRASE);
  });

  it('binds the header to the ciphertext as GCM additional data', async () => {
    // Header edits are also caught by the checks before decryption, so only decrypting by hand shows the binding.
    // Pinning the exact string is deliberate: changing it would make every stored vault read as tampered.
    const aesKey = await crypto.subtle.importKey('raw', decodeBase64(sealed.key.encryptionKey), 'AES-GCM', false, [
      'decrypt',
    ]);
    const iv = decodeBase64(sealed.envelope.cipher.iv);
    const ciphertext = decodeBase64(sealed.envelope.ciphertext);

    await expect(crypto.subtle.decrypt({ name: 'AES-GCM', iv }, aesKey, ciphertext)).rejects.toThrow();
    const additionalData = new TextEncoder().encode(
      JSON.stringify([
        'aws-invoice-downloader/vault',
        2,
        'PBKDF2',
        'SHA-256',
        600_000,
        sealed.envelope.kdf.salt,
        'AES-GCM',
        sealed.envelope.cipher.iv,
      ]),
    );
    const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, aesKey, ciphertext);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual(SECRETS);
  });

  it('uses a fresh IV on every save and a fresh salt for every new vault', async () => {
    const [second, resaved1, resaved2] = await Promise.all([
      sealVault(SECRETS, PASSPHRASE),
      resealVault(SECRETS, sealed.key),
      resealVault(SECRETS, sealed.key),
    ]);
    const envelopes = [sealed.envelope, second.envelope, resaved1, resaved2];

    expect(new Set(envelopes.map((envelope) => envelope.cipher.iv)).size).toBe(4);
    expect(new Set(envelopes.map((envelope) => envelope.ciphertext)).size).toBe(4);
    expect(second.envelope.kdf.salt).not.toBe(sealed.envelope.kdf.salt);
    expect(second.key.encryptionKey).not.toBe(sealed.key.encryptionKey);
    // Re-saving keeps the key, so salt and check stay; only IV and ciphertext change.
    expect(resaved1.kdf).toEqual(sealed.envelope.kdf);
    expect(resaved1.check).toBe(sealed.envelope.check);
  });

  it('resealVault saves changed secrets under the same key and passphrase', async () => {
    const changed: VaultSecrets = {
      'profile-main': SECRETS['profile-main']!,
      'profile-new': {
        accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
        secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
      },
    };

    const resaved = await resealVault(changed, sealed.key);
    const opened = await openVault(resaved, PASSPHRASE);

    expect(opened.secrets).toEqual(changed);
    expect(opened.secrets).not.toHaveProperty('profile-temp');
    expect(opened.key).toEqual(sealed.key);
    expect(opened.migrated).toBe(false);
  });

  it('opens with the same passphrase typed with decomposed accents', async () => {
    const decomposed = PASSPHRASE.normalize('NFD');
    expect(decomposed).not.toBe(PASSPHRASE);

    const opened = await openVault(sealed.envelope, decomposed);

    expect(opened.secrets).toEqual(SECRETS);
  });
});

describe('openVault with a wrong passphrase', SLOW, () => {
  it("says 'wrong-passphrase', leaks nothing and leaves the stored vault alone", async () => {
    const stored = structuredClone(sealed.envelope);
    const wrongPassphrase = 'correct horse cafe staple';

    const error: unknown = await openVault(stored, wrongPassphrase).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(VaultError);
    expect(error).toBeInstanceOf(Error);
    expect((error as VaultError).reason).toBe('wrong-passphrase');
    expect((error as VaultError).name).toBe('VaultError');
    const visible = `${String(error)}\n${(error as Error).message}\n${(error as Error).stack ?? ''}`;
    for (const text of [...SECRET_TEXTS, PASSPHRASE, wrongPassphrase]) {
      expect(visible).not.toContain(text);
    }
    expect(stored).toEqual(sealed.envelope);
  });
});

describe.concurrent('openVault refuses an edited vault', SLOW, () => {
  const open = (edit: (envelope: VaultEnvelope) => unknown) =>
    getRejectionReason(openVault(edit(structuredClone(sealed.envelope)), PASSPHRASE));

  it("one flipped ciphertext byte → 'tampered'", async ({ expect }) => {
    expect(await open((e) => ({ ...e, ciphertext: flipByte(e.ciphertext, 0) }))).toBe('tampered');
  });

  it("one flipped byte of the GCM tag → 'tampered'", async ({ expect }) => {
    expect(await open((e) => ({ ...e, ciphertext: flipByte(e.ciphertext, -1) }))).toBe('tampered');
  });

  it("a different IV → 'tampered'", async ({ expect }) => {
    expect(await open((e) => ({ ...e, cipher: { ...e.cipher, iv: randomBase64(12) } }))).toBe('tampered');
  });

  it("iterations lowered to 100000 → 'tampered', a KDF downgrade refused", async ({ expect }) => {
    expect(await open((e) => ({ ...e, kdf: { ...e.kdf, iterations: 100_000 } }))).toBe('tampered');
  });

  it("another KDF hash → 'tampered'", async ({ expect }) => {
    expect(await open((e) => ({ ...e, kdf: { ...e.kdf, hash: 'SHA-1' } }))).toBe('tampered');
  });

  it("version changed to 3 → 'unsupported-version'", async ({ expect }) => {
    expect(await open((e) => ({ ...e, version: 3 }))).toBe('unsupported-version');
  });

  it("version changed to 1 → 'malformed', not a legacy vault", async ({ expect }) => {
    expect(await open((e) => ({ ...e, version: 1 }))).toBe('malformed');
  });

  // The check is all that tells a wrong passphrase apart, so an edited check or a salt that derives other keys
  // reads as a wrong passphrase; either way nothing is decrypted.
  it("an edited check value → 'wrong-passphrase'", async ({ expect }) => {
    expect(await open((e) => ({ ...e, check: flipByte(e.check, 5) }))).toBe('wrong-passphrase');
  });

  it("a different salt → 'wrong-passphrase'", async ({ expect }) => {
    expect(await open((e) => ({ ...e, kdf: { ...e.kdf, salt: randomBase64(16) } }))).toBe('wrong-passphrase');
  });
});

describe.concurrent('openVault refuses what is not a vault', () => {
  // Functions, because the sealed vault the later cases edit only exists once beforeAll has run.
  const cases: [string, () => unknown][] = [
    ['null', () => null],
    ['undefined', () => undefined],
    ['an empty object', () => ({})],
    ['a string', () => 'aws-invoice-downloader/vault'],
    ['a number', () => 2],
    ['an array', () => []],
    ['another format', () => ({ ...sealed.envelope, format: 'other' })],
    ['a version that is a string', () => ({ ...sealed.envelope, version: '2' })],
    ['no ciphertext', () => ({ ...sealed.envelope, ciphertext: undefined })],
    ['a ciphertext that is not base64', () => ({ ...sealed.envelope, ciphertext: 'not base64!' })],
    ['no kdf', () => ({ ...sealed.envelope, kdf: null })],
  ];

  it.for(cases)("%s → 'malformed'", async ([, buildStored], { expect }) => {
    expect(await getRejectionReason(openVault(buildStored(), PASSPHRASE))).toBe('malformed');
  });

  it("version 0 → 'unsupported-version'", async ({ expect }) => {
    const stored = { ...sealed.envelope, version: 0 };
    expect(await getRejectionReason(openVault(stored, PASSPHRASE))).toBe('unsupported-version');
  });
});

describe('migration from version 1', SLOW, () => {
  // Seven characters: too short for a new vault today, which must not stop an old one from opening.
  const LEGACY_PASSPHRASE = 'hunter2';
  let v1: Record<string, unknown>;

  beforeAll(async () => {
    v1 = await buildV1Vault(SECRETS, LEGACY_PASSPHRASE);
  }, SLOW.timeout);

  it('opens a v1 vault and re-seals it as v2 with a fresh salt and IV', async () => {
    const before = structuredClone(v1);

    const opened = await openVault(v1, LEGACY_PASSPHRASE);

    expect(opened.migrated).toBe(true);
    expect(opened.secrets).toEqual(SECRETS);
    expect(opened.envelope.version).toBe(2);
    expect(opened.envelope.kdf.iterations).toBe(PBKDF2_ITERATIONS);
    expect(opened.envelope.kdf.iterations).toBe(600_000);
    expect(opened.envelope.kdf.salt).not.toBe(v1.salt);
    expect(opened.envelope.cipher.iv).not.toBe(v1.iv);
    expect(opened.key.iterations).toBe(600_000);
    expect(v1).toEqual(before);

    const reopened = await openVault(JSON.parse(JSON.stringify(opened.envelope)), LEGACY_PASSPHRASE);
    expect(reopened.migrated).toBe(false);
    expect(reopened.secrets).toEqual(SECRETS);
    expect(reopened.key).toEqual(opened.key);
  });

  it("reports a wrong passphrase and a damaged v1 ciphertext both as 'wrong-passphrase'", async () => {
    const damaged = { ...v1, ciphertext: flipByte(v1.ciphertext as string, 3) };

    const reasons = await Promise.all([
      getRejectionReason(openVault(v1, 'hunter3')),
      getRejectionReason(openVault(damaged, LEGACY_PASSPHRASE)),
    ]);

    expect(reasons).toEqual(['wrong-passphrase', 'wrong-passphrase']);
  });

  it("refuses a v1 iteration count below the legacy 310000 as 'tampered'", async () => {
    const lowered = { ...v1, iterations: 1000 };
    expect(await getRejectionReason(openVault(lowered, LEGACY_PASSPHRASE))).toBe('tampered');
  });
});

describe('passphrase rule', () => {
  it('wants at least 8 characters after trimming, counting what the user sees', () => {
    expect(isPassphraseAcceptable('12345678')).toBe(true);
    expect(isPassphraseAcceptable('  abcdefgh  ')).toBe(true);
    expect(isPassphraseAcceptable('🔑🔑🔑🔑🔑🔑🔑🔑')).toBe(true);
    expect(isPassphraseAcceptable('')).toBe(false);
    expect(isPassphraseAcceptable('          ')).toBe(false);
    expect(isPassphraseAcceptable('   1234567   ')).toBe(false);
    // Eight UTF-16 units but four characters.
    expect(isPassphraseAcceptable('🔑🔑🔑🔑')).toBe(false);
  });

  it("sealVault refuses a weak passphrase with 'weak-passphrase'", async () => {
    expect(await getRejectionReason(sealVault(SECRETS, 'short'))).toBe('weak-passphrase');
    expect(await getRejectionReason(sealVault(SECRETS, '   1234567   '))).toBe('weak-passphrase');
  });

  it('sealVault refuses fewer than 600000 iterations', async () => {
    await expect(sealVault(SECRETS, PASSPHRASE, { iterations: 100_000 })).rejects.toBeInstanceOf(RangeError);
    await expect(sealVault(SECRETS, PASSPHRASE, { iterations: 599_999 })).rejects.toBeInstanceOf(RangeError);
  });
});

describe('resealVault', () => {
  it("refuses a damaged key from session storage as 'malformed'", async () => {
    const reasons = await Promise.all([
      getRejectionReason(resealVault(SECRETS, { ...sealed.key, encryptionKey: randomBase64(16) })),
      getRejectionReason(resealVault(SECRETS, { ...sealed.key, checkKey: 'not base64!' })),
      getRejectionReason(resealVault(SECRETS, { ...sealed.key, iterations: 1000 })),
    ]);

    expect(reasons).toEqual(['malformed', 'malformed', 'malformed']);
  });
});
