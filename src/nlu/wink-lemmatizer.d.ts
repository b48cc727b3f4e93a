// wink-lemmatizer ships without types: the one function used here
declare module 'wink-lemmatizer' {
  const lemmatizer: { verb(word: string): string };
  export default lemmatizer;
}
