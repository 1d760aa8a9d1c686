import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/messages';
import { acceptsName, INGEST_KINDS, kindFromName } from './ingest-kinds';

describe('saved-file kinds of the import panel', () => {
  it('published names tell their kind, and the SGS code or the CVM year', () => {
    expect(kindFromName('dfp_cia_aberta_DRE_con_2022.csv')).toEqual({ kind: 'cvm-statements', year: '2022' });
    expect(kindFromName('itr_cia_aberta_2024.zip')).toEqual({ kind: 'cvm-statements', year: '2024' });
    expect(kindFromName('cad_cia_aberta.csv')).toEqual({ kind: 'cvm-companies' });
    expect(kindFromName('PrecoTaxaTesouroDireto_prefix_2025-05-04.csv')).toEqual({
      kind: 'tesouro-treasury-bonds',
    });
    expect(kindFromName('sgs433_ipca_mensal_2020-2024.pretty.json')).toEqual({
      kind: 'bcb-macro-series',
      series: '433',
    });
    expect(kindFromName('wege3_details.html')).toBeNull();
  });

  it('each kind accepts only its file types and has a label in both languages', () => {
    const bcb = INGEST_KINDS.find((x) => x.id === 'bcb-macro-series')!;
    expect(acceptsName(bcb, 'ipca.JSON')).toBe(true);
    expect(acceptsName(bcb, 'ipca.html')).toBe(false);
    for (const kind of INGEST_KINDS) {
      expect(translate('pt-BR', kind.label)).not.toBe(kind.label);
      expect(translate('en', kind.label)).not.toBe(kind.label);
    }
  });
});

describe('real-return notes in Portuguese', () => {
  it('the analysis notes and reasons are shown in pt-BR; unknown ones are kept', async () => {
    const { returnsNote } = await import('./macro-format');
    expect(returnsNote('the daily CDI does not cover 2022-05-31..2022-06-29', 'pt-BR')).toBe(
      'o CDI diário guardado não cobre 2022-05-31 a 2022-06-29',
    );
    expect(returnsNote('IPCA not yet published for 2024-12: left out', 'pt-BR')).toBe(
      'IPCA ainda não publicado para 2024-12: deixado de fora',
    );
    expect(returnsNote('too few closes stored for PETR4', 'pt-BR')).toBe(
      'poucos fechamentos guardados para PETR4',
    );
    expect(returnsNote('no CDI series given', 'en')).toBe('no CDI series given');
  });
});
