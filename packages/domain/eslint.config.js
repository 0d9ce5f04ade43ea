import domain from '@quorum/eslint-config/domain';

export default domain;
