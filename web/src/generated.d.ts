// The compiled content is typed where it is read (content.ts casts it to the core's types).
declare module '*.json' {
  const value: unknown;
  export default value;
}
