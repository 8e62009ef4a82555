// CDK app entry (cdk.json runs it): builds the knee coach stack and nothing else.
import { App } from 'aws-cdk-lib';
import { CoachStack } from '#lib/coach-stack';

const app = new App();
new CoachStack(app, 'KneeCoach', {
  description: 'Knee-friendly running coach by email',
});
