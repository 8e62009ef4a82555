// cdk-nag's AWS Solutions checks on the stack: nothing left unaddressed, and every accepted finding says why.
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CoachStack } from '#lib/coach-stack';
import { cdkJson, testApp as fixtureApp } from './fixtures';

const testApp = () => fixtureApp(cdkJson.context);

describe('CoachStack under cdk-nag AwsSolutions', () => {
  let stack: CoachStack;

  beforeAll(() => {
    // Prepare
    stack = new CoachStack(testApp(), 'KneeCoach');
  });

  it('reports no unacknowledged errors or warnings', () => {
    // Act
    Template.fromStack(stack); // runs synthesis first, so aspects and lazy resources are in the tree
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    const findings = (severity: string) =>
      report.violations
        .filter((violation) => violation.severity === severity)
        .map(
          (violation) =>
            `${violation.ruleName} on ${violation.violatingResources.map((r) => r.constructPath)}`,
        );

    // Assess
    expect(findings('error')).toEqual([]);
    expect(findings('warning')).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('gives a concrete reason for every acknowledged finding', () => {
    // Prepare
    const acknowledged: Array<[string, string]> = [];
    const collect = (construct: IConstruct) => {
      for (const entry of construct.node.metadata) {
        if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
          acknowledged.push(...Object.entries(entry.data as Record<string, string>));
        }
      }
      for (const child of construct.node.children) collect(child);
    };

    // Act
    collect(stack);

    // Assess
    const nagRules = acknowledged.filter(([id]) => id.includes('AwsSolutions-'));
    expect(nagRules.map(([id]) => id.replace(/^\w+::/, '').replace(/\[.*$/, '')).sort()).toEqual([
      'AwsSolutions-APIG4',
      // The scheduler's invoke grant, the inbound Lambda's read of raw mail under its prefix, and
      // ses:SetActiveReceiptRuleSet (no resource type, so "*").
      'AwsSolutions-IAM5',
      'AwsSolutions-IAM5',
      'AwsSolutions-IAM5',
      // Node.js 22 on api, dispatch, send-week, inbound and feedback.
      'AwsSolutions-L1',
      'AwsSolutions-L1',
      'AwsSolutions-L1',
      'AwsSolutions-L1',
      'AwsSolutions-L1',
      // The raw-mail bucket's access-log bucket does not log itself.
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
    ]);
    for (const [id, reason] of nagRules) {
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });

  it('passes synthesis with the pack registered as a CDK validation plugin', () => {
    // Prepare
    const checked = testApp();
    Validations.of(checked).addPlugins(new AwsSolutionsChecks(checked));
    new CoachStack(checked, 'KneeCoach');

    // Act
    const synth = () => checked.synth();

    // Assess
    expect(synth).not.toThrow();
  });
});
