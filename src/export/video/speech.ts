// Speech for the narration: espeak-ng (Debian's package) run offline, one process per cue, read as raw samples.
import { spawn } from 'node:child_process';
import type { Language } from '../../core/ids.js';

/** The sample rate espeak-ng speaks at (mono, 16-bit); the whole narration track uses it. */
export const SPEECH_SAMPLE_RATE = 22_050;

/** The calm reading speed of the narration, in words per minute (espeak-ng's `-s`). */
export const SPEECH_WORDS_PER_MINUTE = 165;

/** The fastest a cue is said when it would otherwise run into the next one. */
export const SPEECH_MAX_WORDS_PER_MINUTE = 260;

/** The espeak-ng voice for each language of the plans. */
const VOICES: Readonly<Record<Language, string>> = { en: 'en-us', ru: 'ru' };

/** The command that installs the speech engine, for error messages. */
export const ESPEAK_INSTALL = 'apt-get install -y espeak-ng';

/** How one text is said: the language and the speed. */
export interface SpeechOptions {
  readonly language: Language;
  readonly wordsPerMinute: number;
  /** The espeak-ng binary (default `espeak-ng` on the PATH). */
  readonly command?: string;
}

/** The samples of a WAV file's `data` chunk (espeak-ng writes 16-bit mono PCM with an open-ended size). */
export function wavSamples(wav: Buffer): Int16Array {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('espeak-ng did not write a WAV file');
  }
  let at = 12;
  while (at + 8 <= wav.length) {
    const id = wav.toString('ascii', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === 'data') {
      // espeak-ng writes 0x7fffffff (or 0) as the size when it streams to stdout: the data runs to the end.
      const end = Math.min(wav.length, at + 8 + size);
      const start = at + 8;
      const bytes = (end - start) & ~1;
      const copy = Buffer.alloc(bytes);
      wav.copy(copy, 0, start, start + bytes);
      return new Int16Array(copy.buffer, copy.byteOffset, bytes / 2);
    }
    at += 8 + size + (size & 1);
  }
  throw new Error('espeak-ng wrote a WAV file without samples');
}

/** Says one text with espeak-ng and resolves to its samples (mono, 16-bit, at SPEECH_SAMPLE_RATE). */
export function speechSamples(text: string, options: SpeechOptions): Promise<Int16Array> {
  const command = options.command ?? 'espeak-ng';
  const args = ['-v', VOICES[options.language], '-s', String(Math.round(options.wordsPerMinute)), '--stdout'];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, '--', text], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'ENOENT'
          ? new Error(`${command} is not installed (the narration needs it): run ${ESPEAK_INSTALL}`)
          : e,
      );
    });
    child.on('close', (code) => {
      if (code !== 0) {
        reject(
          new Error(`${command} failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' / ')}`),
        );
        return;
      }
      try {
        resolve(wavSamples(Buffer.concat(out)));
      } catch (e) {
        reject(e);
      }
    });
  });
}
