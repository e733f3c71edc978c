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
