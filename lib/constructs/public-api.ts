// The public HTTP API: sign-up page, subscribe, confirm, preferences, unsubscribe, export and erase, all
// served by the api Lambda behind one throttled, access-logged stage.
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { routesByPath } from '#lambdas/api-routes';
import { CoachFunction, type Wiring } from './coach-function';
import { type AlarmRecord, errorAlarm } from './operator-alarms';
import { StackPart } from './stack-part';

// The public endpoints see sign-ups and link clicks, a trickle: these caps stop a flood before Lambda.
const API_THROTTLE = { rateLimit: 20, burstLimit: 50 };

export interface PublicApiProps {
  readonly logRetention: RetentionDays;
  /** What the api Lambda is wired to; it mails links back to this API, so it is given the API's URL. */
  readonly wiring: (publicBaseUrl: string) => readonly Wiring[];
}

export class PublicApi extends StackPart {
  readonly api: HttpApi;
  /** The base URL of every link the coach mails (confirm, preferences, unsubscribe). */
  readonly url: string;
  readonly apiFunction: CoachFunction;
  readonly alarms: readonly AlarmRecord[];

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Knee coach: subscribe, confirm and unsubscribe',
      createDefaultStage: false,
    });
    this.url = this.api.apiEndpoint;

    this.apiFunction = new CoachFunction(this, 'ApiFunction', {
      handlerName: 'api',
      description: 'Knee coach HTTP API: subscribe, confirm, unsubscribe',
      logRetention: props.logRetention,
      timeout: Duration.seconds(10),
      wiring: props.wiring(this.url),
    });

    const accessLogs = new LogGroup(this, 'HttpApiAccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // The route, never the query string: confirm and unsubscribe links carry tokens there.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction);
    for (const [path, methods] of routesByPath()) {
      this.api.addRoutes({ path, methods: methods.map((m) => HttpMethod[m]), integration });
    }
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public by design: the sign-up page and POST /subscribe take anonymous visitors (double opt-in stops abuse), and /confirm and /unsubscribe are authenticated by the HMAC-signed, expiring token in the link, which the api Lambda verifies. Stage throttling caps the rate.',
    });

    this.alarms = [
      errorAlarm({
        id: 'ApiErrors',
        name: 'api-errors',
        fn: this.apiFunction,
        what: 'HTTP API',
        afterFailure: 'the caller got an HTTP 500; nothing is retried',
      }),
    ];

    new CfnOutput(this, 'ApiUrl', { value: this.url, description: 'Public base URL of the HTTP API' });
  }
}
