// An SNS topic that one AWS service publishes to, encrypted with its own KMS key that lets that service
// (and only on behalf of this account) encrypt messages for it.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface ServiceTopicProps {
  /** What the topic carries; used for the topic's display name and the key's description. */
  readonly description: string;
  /** The service principal that publishes, such as `ses.amazonaws.com`. */
  readonly publisher: string;
}

/**
 * A topic encrypted with a customer managed key (cdk-nag SNS2) and closed to publishes without TLS (SNS3).
 *
 * The AWS managed key (alias/aws/sns) will not do: its key policy cannot be changed, and a service that
 * publishes (SES, CloudWatch) calls KMS itself, so it needs its own grant on the key. One key per topic keeps
 * each key policy to exactly one service. Who may publish is still the topic policy's decision; the key
 * grant only lets the service encrypt and decrypt for it.
 */
export class ServiceTopic extends Construct {
  readonly key: Key;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: ServiceTopicProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.key = new Key(this, 'Key', {
      description: `Encrypts the knee coach SNS topic for ${props.description}`,
      enableKeyRotation: true,
      // It protects messages in flight only (SNS keeps nothing once delivered), so nothing outlives a
      // teardown; the shortest waiting period still leaves a week to cancel the deletion.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: `Allow${serviceName(props.publisher)}ToEncryptForTheTopic`,
        principals: [new ServicePrincipal(props.publisher)],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        // Confused-deputy guard: the service may use the key only for resources in this account.
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: `Knee coach ${props.description}`.slice(0, 100),
      masterKey: this.key,
      enforceSSL: true,
    });
  }
}

/** `ses.amazonaws.com` → `Ses`: a statement id may hold letters and digits only. */
function serviceName(principal: string): string {
  const name = principal.split('.')[0] ?? 'Service';
  return name.charAt(0).toUpperCase() + name.slice(1).replace(/[^A-Za-z0-9]/g, '');
}
