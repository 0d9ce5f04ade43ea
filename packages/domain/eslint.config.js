import domain from '@quorum/eslint-config/domain';

// test/ checks the published package from the outside, so it may use node:*.
export default domain;
