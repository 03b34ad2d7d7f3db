import { describeHostileInput, embeddedStoreEnv } from './describeHostileInput.ts';

describeHostileInput('embedded', embeddedStoreEnv, 100);
