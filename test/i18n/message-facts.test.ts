/**
 * The tests "message facts: the core says what happened, the edge words it" from test/i18n.test.ts (moved, issue
 * 14).
 */
import { describe, expect, it } from 'vitest';
import { resetLanguage, setLanguage } from '../../src/i18n.js';
import { SpotcheckError } from '../../src/errors.js';
import { msg, render } from '../../src/messages/render.js';
import { recogniseHeader } from '../../src/core/columns.js';
import { problemText } from '../../src/core/frame.js';
import { levelName } from '../../src/core/scope.js';

describe('message facts: the core says what happened, the edge words it', () => {
  const thrown = (attempt: () => unknown): SpotcheckError => {
    try {
      attempt();
    } catch (error) {
      if (error instanceof SpotcheckError) return error;
      throw error;
    }
    throw new Error('nothing thrown');
  };

  it('words a SpotcheckError when it is read, in the language current then (a nested list with its separator too)', () => {
    resetLanguage();
    try {
      const error = thrown(() => recogniseHeader(['户编号', '乡镇', '13812345678'], {}, 'r.csv'));
      expect(error.id).toBe('core.columns.missingRequired');
      expect(error.describe()).toBe(
        'r.csv:1: the registry lacks required columns: county (行政县) or county_code (县代码); village (行政村); status (脱贫属性) or household_type (户类型). Headers found: 户编号, 乡镇, 138****5678\n  map another header to a field with --column field=Header, e.g. --column household_id=户号',
      );
      setLanguage('zh-CN', 'command line');
      expect(error.message).toBe(
        '登记数据缺少必需的列：county（行政县）或 county_code（县代码）；village（行政村）；status（脱贫属性）或 household_type（户类型）。现有表头：户编号, 乡镇, 138****5678',
      );
      expect(error.toJSON()).toEqual({
        code: 'INPUT',
        id: 'core.columns.missingRequired',
        message: error.message,
        file: 'r.csv',
        line: 1,
        hint: '可用 --column 字段=表头 将其他表头对应到字段，例如 --column household_id=户号',
      });
    } finally {
      resetLanguage();
    }
  });

  it('words a fact in the language asked: a level inside a message, a data problem', () => {
    const required = msg('core.scope.required', { level: levelName('township') });
    expect(render(required.id, 'en', required.params)).toBe(
      "--scope is required at township level: give the township's code or name",
    );
    expect(render(required.id, 'zh-CN', required.params)).toBe('乡镇层级须给出 --scope：乡镇的代码或名称');
    const problem = { severity: 'error', message: msg('core.frame.householdIdBlank'), file: 'r.csv', line: 2 } as const;
    expect(problemText(problem, 'en')).toBe('household ID (户编号) is blank');
    expect(problemText(problem, 'zh-CN')).toBe('户编号为空');
  });
});
