import { Registry } from 'prom-client';
import { registerBuildInfo } from './build-info';

describe('casetrail_build_info on /metrics', () => {
  it('names the version, the full commit and the release id /health reports, at 1', async () => {
    const registry = new Registry();
    registerBuildInfo(registry, {
      version: '0.1.0',
      commit: '6b5145aa772ad3835e8ca09cfad9322298a7ab43',
      id: '0.1.0+6b5145aa772a',
    });
    expect(await registry.metrics()).toContain(
      'casetrail_build_info{version="0.1.0",commit="6b5145aa772ad3835e8ca09cfad9322298a7ab43",release="0.1.0+6b5145aa772a"} 1',
    );
  });

  it('says unknown-commit for a build without git metadata, as --version does', async () => {
    const registry = new Registry();
    registerBuildInfo(registry, { version: '0.1.0', id: '0.1.0+unknown-commit' });
    expect(await registry.metrics()).toContain(
      'casetrail_build_info{version="0.1.0",commit="unknown-commit",release="0.1.0+unknown-commit"} 1',
    );
  });
});
