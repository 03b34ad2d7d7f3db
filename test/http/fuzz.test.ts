import { describeApiFuzzing, embeddedStoreEnv } from './fuzzApi.ts';

// 25 examples per operation: about a minute on two cores.
describeApiFuzzing('embedded', embeddedStoreEnv, 25);
