import { useEffect, useRef } from 'react';

/** What a spoken word asks the player to do. */
export type VoiceCommand = 'next' | 'back' | 'pause' | 'resume' | 'stop';

const WORDS: readonly [RegExp, VoiceCommand][] = [
  [/\b(stop)\b|стоп|хватит|больно/i, 'stop'],
  [/\b(pause|wait)\b|пауза|подожди/i, 'pause'],
  [/\b(resume|continue|go on|play)\b|продолж|дальше играй/i, 'resume'],
  [/\b(next|skip|forward)\b|дальше|следующ|вперёд|вперед/i, 'next'],
  [/\b(back|previous)\b|назад|предыдущ/i, 'back'],
];

/** The command in a recognised phrase (English or Russian), or null; "stop" wins over everything. */
export function voiceCommandFrom(transcript: string): VoiceCommand | null {
  const text = transcript.toLowerCase().trim();
  for (const [pattern, command] of WORDS) if (pattern.test(text)) return command;
  return null;
}

interface SpeechRecognitionLike {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult:
    | ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>>; resultIndex: number }) => void)
    | null;
  onend: (() => void) | null;
  onerror: (() => void) | null;
  start(): void;
  stop(): void;
}

/** The browser's speech recogniser, or null where there is none. */
export function recognitionConstructor(): (new () => SpeechRecognitionLike) | null {
  const g = globalThis as unknown as {
    SpeechRecognition?: new () => SpeechRecognitionLike;
    webkitSpeechRecognition?: new () => SpeechRecognitionLike;
  };
  return g.SpeechRecognition ?? g.webkitSpeechRecognition ?? null;
}

/** Listens for spoken commands while `isListening`; calls `onStopped` when the recogniser gives up. */
export function useVoiceCommands(options: {
  readonly isListening: boolean;
  readonly language: 'en' | 'ru';
  readonly onCommand: (command: VoiceCommand) => void;
  readonly onStopped: () => void;
}): void {
  const { isListening, language } = options;
  const ref = useRef(options);
  ref.current = options;
  useEffect(() => {
    const Recognition = recognitionConstructor();
    if (!isListening || !Recognition) return;
    const recognition = new Recognition();
    let isActive = true;
    recognition.lang = language === 'ru' ? 'ru-RU' : 'en-US';
    recognition.continuous = true;
    recognition.interimResults = false;
    recognition.onresult = (event) => {
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const command = voiceCommandFrom(event.results[i]?.[0]?.transcript ?? '');
        if (command) ref.current.onCommand(command);
      }
    };
    recognition.onend = () => {
      if (isActive) recognition.start();
    };
    recognition.onerror = () => {
      isActive = false;
      ref.current.onStopped();
    };
    recognition.start();
    return () => {
      isActive = false;
      recognition.stop();
    };
  }, [isListening, language]);
}
