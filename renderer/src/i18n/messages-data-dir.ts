/** The data folder: where it is, why, and choosing another (desktop app). */
export const dataDirPtBR = {
  'dataDir.title': 'Pasta de dados',
  'dataDir.current': 'Seus dados ficam em {path}',
  'dataDir.source.argument': 'definida por --data-dir',
  'dataDir.source.environment': 'definida por B3AI_DATA_DIR',
  'dataDir.source.chosen': 'escolhida por você',
  'dataDir.source.default': 'a pasta padrão do app',
  'dataDir.source.serve': 'a pasta do b3ai serve (mude com --data-dir ou B3AI_DATA_DIR)',
  'dataDir.choose': 'Escolher outra pasta…',
  'dataDir.next': 'Na próxima abertura o app usará {path}. Os dados atuais ficam onde estão.',
  'dataDir.restart': 'Reiniciar agora',
};

export const dataDirEn: Record<keyof typeof dataDirPtBR, string> = {
  'dataDir.title': 'Data folder',
  'dataDir.current': 'Your data is kept in {path}',
  'dataDir.source.argument': 'set by --data-dir',
  'dataDir.source.environment': 'set by B3AI_DATA_DIR',
  'dataDir.source.chosen': 'chosen by you',
  'dataDir.source.default': "the app's default folder",
  'dataDir.source.serve': "b3ai serve's folder (change it with --data-dir or B3AI_DATA_DIR)",
  'dataDir.choose': 'Choose another folder…',
  'dataDir.next': 'From the next start the app uses {path}. The current data stays where it is.',
  'dataDir.restart': 'Restart now',
};
