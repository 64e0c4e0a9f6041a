// Build-time data the catalogue integration serves (src/integrations/catalogue.ts).
declare module 'virtual:cep-catalogue/corpus' {
  const corpus: import('./lib/corpus/session.ts').ServedCorpus;
  export default corpus;
}
declare module 'virtual:cep-catalogue/history' {
  const history: import('./lib/corpus/session.ts').ServedHistory;
  export default history;
}
