// CDK assertions on the operator dashboard: every metric the Lambdas count, in the namespace they write to and
// with no dimension but `service`, beside the state of every alarm in the stack.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES, SERVICE_NAME } from '#lambdas/metric-names';
import { type Resource, synthesize } from './fixtures';

interface Widget {
  type: string;
  properties: {
    view?: string;
    title?: string;
    markdown?: string;
    metrics?: unknown[][];
    alarms?: string[];
    annotations?: { alarms?: string[] };
    setPeriodToTimeRange?: boolean;
  };
}

/** The dashboard's JSON body, with CloudFormation's references in it written as `<Ref ...>`/`<Arn ...>`. */
function dashboardBody(resource: Resource): { start: string; widgets: Widget[] } {
  const join = (resource.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const text = join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = (part as { Ref?: string }).Ref;
      if (ref !== undefined) return `<Ref ${ref}>`;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt?.[1] === 'Arn') return `<Arn ${getAtt[0]}>`;
      throw new Error(`unexpected part of the dashboard body: ${JSON.stringify(part)}`);
    })
    .join(join[0]);
  return JSON.parse(text) as { start: string; widgets: Widget[] };
}

/** A metric line of a widget, `[namespace, name, dimension name, value, ..., options]`, read back. */
function metricOf(line: unknown[]): { namespace: string; name: string; dimensions: string[]; stat: string } {
  const options = line.at(-1) as { stat?: string };
  const [namespace, name, ...dimensions] = line.slice(0, -1) as string[];
  return { namespace: namespace as string, name: name as string, dimensions, stat: options.stat ?? '' };
}

describe('the operator dashboard', () => {
  let template: Template;
  let dashboard: Resource;
  let widgets: Widget[];

  beforeAll(() => {
    // Prepare
    template = synthesize();
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
    expect(dashboards).toHaveLength(1);
    dashboard = dashboards[0] as Resource;
    widgets = dashboardBody(dashboard).widgets;
  });

  it('is named after the stack, opens on two weeks, and is a stack output', () => {
    // Assess
    expect(dashboard.Properties.DashboardName).toBe('KneeCoach-operator');
    expect(dashboardBody(dashboard).start).toBe('-P14D');
    template.hasOutput('DashboardName', { Value: { Ref: Match.stringLikeRegexp('^Dashboard') } });
  });

  it('carries no tags, which the dashboard resource does not take in us-east-1; the rest keep theirs', () => {
    // Assess
    expect(dashboard.Properties.Tags).toBeUndefined();
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      Tags: Match.arrayWith([{ Key: 'project', Value: 'knee-coach' }]),
    });
  });

  it('totals every metric the Lambdas count, summed, in their namespace, with only the service dimension', () => {
    // Prepare
    const totals = widgets.find((w) => w.properties.view === 'singleValue');

    // Act
    const metrics = (totals?.properties.metrics ?? []).map(metricOf);

    // Assess
    expect(totals?.properties.setPeriodToTimeRange).toBe(true);
    expect(metrics.map((m) => m.name)).toEqual(METRIC_NAMES);
    for (const metric of metrics) {
      expect(metric).toEqual({
        namespace: 'KneeCoach',
        name: metric.name,
        // No id, address or anything else of a subscriber: the service is the one dimension.
        dimensions: ['service', SERVICE_NAME],
        stat: 'Sum',
      });
    }
  });

  it('graphs every metric over time', () => {
    // Act
    const graphed = widgets
      .filter((w) => w.properties.view === 'timeSeries' && w.properties.metrics)
      .flatMap((w) => (w.properties.metrics ?? []).map(metricOf));

    // Assess
    expect(graphed.map((m) => m.name).sort()).toEqual([...METRIC_NAMES].sort());
    expect(new Set(graphed.map((m) => `${m.namespace} ${m.dimensions.join(' ')} ${m.stat}`))).toEqual(
      new Set([`KneeCoach service ${SERVICE_NAME} Sum`]),
    );
  });

  it('shows the state of every alarm in the stack, each once', () => {
    // Prepare
    const alarmIds = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));
    const status = widgets.filter((w) => w.type === 'alarm');

    // Assess
    expect(alarmIds.length).toBeGreaterThan(10);
    expect(status).toHaveLength(1);
    expect([...(status[0]?.properties.alarms ?? [])].sort()).toEqual(
      alarmIds.map((id) => `<Arn ${id}>`).sort(),
    );
  });

  it('graphs the SES bounce and complaint rates against their alarms', () => {
    // Prepare
    const alarms = template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>;
    const idOf = (name: string) =>
      Object.keys(alarms).find((id) => alarms[id]?.Properties.AlarmName === name) as string;

    // Act
    const annotated = widgets.flatMap((w) => w.properties.annotations?.alarms ?? []);

    // Assess
    expect(annotated).toEqual([
      `<Arn ${idOf('KneeCoach-ses-bounce-rate')}>`,
      `<Arn ${idOf('KneeCoach-ses-complaint-rate')}>`,
    ]);
  });

  it('reads the namespace every coach function writes its metrics to', () => {
    // Prepare
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
    const ours = functions.filter((fn) => /^Knee coach /.test(String(fn.Properties.Description)));

    // Assess
    expect(ours).toHaveLength(5);
    for (const fn of ours) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.POWERTOOLS_METRICS_NAMESPACE, String(fn.Properties.Description)).toBe('KneeCoach');
      expect(variables.POWERTOOLS_SERVICE_NAME).toBe(SERVICE_NAME);
    }
  });

  it('follows the stack name into the namespace, the functions and its own name', () => {
    // Prepare
    const renamed = synthesize({}, 'KneeCoachStaging');
    const body = dashboardBody(
      Object.values(renamed.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource,
    );

    // Act
    const namespaces = new Set(
      body.widgets
        .flatMap((w) =>
          (w.properties.metrics ?? []).map(metricOf).filter((m) => METRIC_NAMES.includes(m.name as never)),
        )
        .map((m) => m.namespace),
    );

    // Assess
    expect(namespaces).toEqual(new Set(['KneeCoachStaging']));
    renamed.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'KneeCoachStaging-operator',
    });
    renamed.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { POWERTOOLS_METRICS_NAMESPACE: 'KneeCoachStaging' } },
    });
  });
});
