import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import {
  COUNTED_DIMENSIONS,
  COUNTER_SPEC,
  keyColumns,
  ORED_COLUMNS,
  PROFILE_COLUMNS,
  type CounterName,
} from '../../src/db/counterSpec.js';
import {
  counterCampaigns,
  counterFilterLinks,
  counterFilters,
  counterLinks,
  counterNetworks,
  counterProfiles,
  counterTotals,
} from '../../src/db/counterSchema.js';

const tables = {
  totals: counterTotals,
  links: counterLinks,
  profiles: counterProfiles,
  filters: counterFilters,
  filterLinks: counterFilterLinks,
  campaigns: counterCampaigns,
  networks: counterNetworks,
};

describe('the counter spec', () => {
  it.each(Object.keys(tables) as CounterName[])(
    'is the %s table: its name, its key, then clicks and uniques (and the bits it ORs in)',
    (name) => {
      const config = getTableConfig(tables[name]);
      expect(config.name).toBe(COUNTER_SPEC[name].table);
      expect(config.primaryKeys[0]!.columns.map((c) => c.name)).toEqual(keyColumns(name));
      expect(config.columns.map((c) => c.name)).toEqual([
        ...keyColumns(name),
        'clicks',
        'uniques',
        ...(ORED_COLUMNS[name] ?? []),
      ]);
    },
  );
  it('counts every dimension a profile keeps', () => {
    expect([...COUNTED_DIMENSIONS].sort()).toEqual(Object.keys(PROFILE_COLUMNS).sort());
  });
});
