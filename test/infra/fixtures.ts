// Shared by the CDK assertion tests: the stack synthesized as `cdk synth` builds it (minus esbuild),
// and small lookups into the template.
import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { CoachStack } from '#lib/coach-stack';

export type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
export type Statement = Record<string, unknown>;

export const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  app: string;
  context: Record<string, unknown>;
};

/** An app that skips esbuild and expects the example sending domain (its deploy warning is for humans). */
export function testApp(context: Record<string, unknown>): App {
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).acknowledge({
    id: 'Annotation::knee-coach:example-sending-domain',
    reason: 'Tests synthesize the documented example defaults on purpose.',
  });
  return app;
}

/** The stack as `cdk synth` builds it (cdk.json context and feature flags), minus esbuild. */
export function synthesize(context: Record<string, unknown> = {}, stackName = 'KneeCoach'): Template {
  return Template.fromStack(new CoachStack(testApp({ ...cdkJson.context, ...context }), stackName));
}

export function logicalIdOf(template: Template, type: string, properties: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, { Properties: properties }));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

export function functionByEntry(template: Template, description: RegExp): { id: string; fn: Resource } {
  const found = Object.entries(
    template.findResources('AWS::Lambda::Function') as Record<string, Resource>,
  ).filter(([, fn]) => description.test(String(fn.Properties.Description)));
  expect(found).toHaveLength(1);
  const [id, fn] = found[0] as [string, Resource];
  return { id, fn };
}

export function roleIdOf(fn: Resource): string {
  return (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
}

export function policyStatementsOf(template: Template, roleLogicalId: string): Statement[] {
  const policies = Object.values(
    template.findResources('AWS::IAM::Policy') as Record<string, Resource>,
  ).filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]));
  return policies.flatMap(
    (policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
  );
}

export const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
