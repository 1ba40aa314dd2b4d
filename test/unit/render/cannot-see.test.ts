import { CANNOT_SEE, cannotSee } from '../../../src/render/view/sections.js';
import { demoEvidence } from './oscal/demo-evidence.js';

describe('"What this report cannot see"', () => {
  it('says CNI enforcement cannot be told when no flow or probe was compared', async () => {
    const e = await demoEvidence();
    expect(e.flows).toBeUndefined();
    expect(cannotSee(e)).toEqual(CANNOT_SEE);
    expect(cannotSee(e).join(' ')).toContain('this report cannot tell');
  });
});
