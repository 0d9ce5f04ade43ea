import base from '@quorum/eslint-config/base';

export default [...base];
