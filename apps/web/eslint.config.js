import react from '@quorum/eslint-config/react';

export default [...react];
