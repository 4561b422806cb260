"""Builds table.json: requests signed by botocore's SigV4Auth (the non-S3
signer), each with the canonical request, string to sign and authorization
header botocore computed, for tests/tests/sigv4_parity.rs to compare the
runtime signer with, byte for byte.

Made with botocore 1.44.5 (the version the table records and the test
checks). To rerun from the repository root:

    python3 -m venv /tmp/bc && /tmp/bc/bin/pip install botocore==1.44.5
    /tmp/bc/bin/python tests/sigv4-parity/botocore_table.py > tests/sigv4-parity/table.json

Each row is signed as botocore signs a request it sends: the query is part
of the URL (botocore's serializers put it there, percent-encoded), so the
signer reads it from the URL (`_canonical_query_string_url`), not from
`AWSRequest.params`.
"""

import datetime
import json
import sys

import botocore
import botocore.auth
import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import (
    AWSRequest,
    create_request_object,
    prepare_request_dict,
)
from botocore.credentials import Credentials
from botocore.serialize import create_serializer

BOTOCORE_VERSION = '1.44.5'
ACCESS_KEY_ID = 'AKIDEXAMPLE'
SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
# 2024-01-02T03:04:05Z, fixed so that the table is the same on every run.
TIME = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
HOST = 'example.amazonaws.com'


class RecordingSigV4Auth(SigV4Auth):
    """SigV4Auth keeping the intermediate strings it computes."""

    def canonical_request(self, request):
        self.recorded_creq = super().canonical_request(request)
        return self.recorded_creq

    def string_to_sign(self, request, canonical_request):
        self.recorded_sts = super().string_to_sign(request, canonical_request)
        return self.recorded_sts


def raw(method, url, headers=(), body=''):
    """An AWSRequest as given; headers are added in order, repeats kept
    (HTTPHeaders appends on assignment)."""
    request = AWSRequest(method=method, url=url, data=body)
    for name, value in headers:
        request.headers[name] = value
    return request


def serialized(service, operation, params, endpoint):
    """A request made by botocore's own serializer for `service`, as a
    client would send it (without the User-Agent, which is unsigned)."""
    model = botocore.session.get_session().get_service_model(service)
    serializer = create_serializer(model.metadata['protocol'])
    request_dict = serializer.serialize_to_request(
        params, model.operation_model(operation)
    )
    prepare_request_dict(request_dict, endpoint_url=endpoint)
    return create_request_object(request_dict)


def row(name, why, request, region='us-east-1', service='service', token=None):
    # The body as sent: awsQuery's form fields are a dict until prepared.
    body = (request.body or b'').decode('utf-8')
    record = {
        'name': name,
        'why': why,
        'method': request.method,
        'url': request.url,
        'headers': list(request.headers.items()),
        'body': body,
        'region': region,
        'service': service,
        'session_token': token,
    }
    credentials = Credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY, token)
    signer = RecordingSigV4Auth(credentials, service, region)
    signer.add_auth(request)
    record['signed_headers'] = list(request.headers.items())
    record['canonical_request'] = signer.recorded_creq
    record['string_to_sign'] = signer.recorded_sts
    record['authorization'] = request.headers['Authorization']
    return record


def rows():
    u = f'https://{HOST}'
    date = ('X-Amz-Date', '20240102T030405Z')
    yield row('root', 'the plain case', raw('GET', f'{u}/'))
    yield row('no-path', 'an empty path is /', raw('GET', u))
    # Paths: botocore's remove_dot_segments keeps a final slash only when
    # the path ends in one, so `/a/b/..` and `/a/.` end without it.
    yield row('path-trailing-dot-dot', 'a final /.. drops the segment and the slash', raw('GET', f'{u}/a/b/..'))
    yield row('path-trailing-dot', 'a final /. drops the slash', raw('GET', f'{u}/a/.'))
    yield row('path-dot-segments', 'dot segments inside the path', raw('GET', f'{u}/a/./b/../c/'))
    yield row('path-above-root', '.. never climbs above the root', raw('GET', f'{u}/../../x/..'))
    yield row('path-only-dots', '/. and /.. are the root', raw('GET', f'{u}/./..'))
    yield row('path-dot-dot-slash', '/a/b/../ keeps its final slash', raw('GET', f'{u}/a/b/../'))
    yield row('path-dotted-names', 'segments that only contain dots are names', raw('GET', f'{u}/.../b..c/.hidden/..x'))
    yield row('path-repeated-slashes', 'empty segments are dropped', raw('GET', f'{u}//a//b//'))
    yield row('path-encoded', 'an encoded path is encoded again', raw('GET', f'{u}/a%20b/c%2Fd/%7E/%e1%88%b4'))
    yield row('path-reserved', 'reserved characters are encoded', raw('GET', f"{u}/a:b@c!$&'()*+,;=/~-._"))
    yield row(
        'path-space-unicode',
        'a path http cannot carry (space, non-ASCII) is encoded once',
        raw('GET', f'{u}/folder with space/\u1234/caf\u00e9', [('Host', HOST)]),
    )
    # Query: botocore signs the URL's query as it is, split on & and on the
    # first =, sorted, without decoding or encoding anything.
    yield row('query-encoded-reserved', 'encoded characters stay as sent, case included', raw('GET', f'{u}/?a=%2F%2f&b=%41&c=%e1%88%b4'))
    yield row('query-plus-and-space', '+ and %20 stay as sent', raw('GET', f'{u}/?q=a+b&r=a%20b&s=%2B'))
    yield row('query-empty-pairs', 'empty pairs are kept as =', raw('GET', f'{u}/?a=1&&b=2&'))
    yield row('query-only-ampersand', 'a lone & is two empty pairs', raw('GET', f'{u}/?&'))
    yield row('query-empty', 'a ? with nothing after it signs no query', raw('GET', f'{u}/?'))
    yield row('query-key-without-equals', 'a key without = gets an empty value; =v has an empty key', raw('GET', f'{u}/?flag&x=1&=v'))
    yield row('query-repeated-keys', 'repeated keys sort by value, as strings', raw('GET', f'{u}/?a=2&a=1&a=10&a='))
    yield row('query-sorting', 'keys sort as sent (encoded) bytes, then values', raw('GET', f'{u}/?b=1&B=2&_=3&a-b=4&a=5&%41=6&~=7&a.=8'))
    yield row('query-equals-in-value', 'only the first = splits', raw('GET', f'{u}/?a=b=c&d==')) 
    yield row('query-reserved-literal', '/ ? : @ ! $ \' ( ) * , ; stay literal', raw('GET', f"{u}/p?a=b/c?d&e=f:g@h&i=!$'()*,;"))
    yield row('query-invalid-escapes', 'a % without two hex digits stays as sent', raw('GET', f'{u}/?a=%zz&b=%4&c=%'))
    yield row('query-fragment', 'the fragment is not signed', raw('GET', f'{u}/a?b=c#frag'))
    # Headers.
    yield row(
        'unsigned-tracing',
        'user-agent and tracing headers are not signed',
        raw('GET', f'{u}/', [
            ('User-Agent', 'Botocore/1.44.5'),
            ('X-Amzn-Trace-Id', 'Root=1-5759e988-bd862e3fe1be46a994272793'),
            ('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'),
            ('tracestate', 'congo=t61rcWkgMzE'),
            ('baggage', 'userId=alice'),
            ('X-Custom', 'signed'),
        ]),
    )
    yield row(
        'unsigned-hop-by-hop',
        'hop-by-hop headers are not signed',
        raw('POST', f'{u}/', [
            ('Connection', 'keep-alive'),
            ('Keep-Alive', 'timeout=5'),
            ('TE', 'trailers'),
            ('Upgrade', 'h2c'),
            ('Trailer', 'x-checksum'),
            ('Transfer-Encoding', 'chunked'),
            ('Expect', '100-continue'),
            ('Proxy-Authorization', 'Basic dXNlcjpwYXNz'),
            ('Proxy-Authenticate', 'Basic'),
            ('Content-Type', 'application/json'),
        ], '{}'),
    )
    yield row(
        'header-multi-value',
        'repeated headers join with commas in the order sent, whatever their case',
        raw('GET', f'{u}/', [('X-Multi', 'b'), ('x-multi', 'a'), ('X-MULTI', ' c  d ')]),
    )
    yield row(
        'header-whitespace',
        'values are trimmed and inner whitespace runs folded to one space',
        raw('GET', f'{u}/', [('X-Spaces', '  a   b \t c  '), ('X-Tabs', '\tx\t\ty\t'), ('X-Empty', ''), ('X-Quoted', '"a   b"')]),
    )
    yield row(
        'header-python-whitespace',
        'vertical tab and the ASCII separators count as whitespace (str.split)',
        raw('GET', f'{u}/', [('Host', HOST), ('X-Odd', 'a\x0bb\x1cc\x1fd \x0c e')]),
    )
    yield row(
        'header-sorting',
        'names are lowercased and sorted',
        raw('GET', f'{u}/', [('X-B', '2'), ('x-a', '1'), ('Content-Type', 'text/plain'), ('ZZZ', 'z'), ('X-Amz-Target', 't'), ('x-a-b', '3')]),
    )
    yield row('host-from-url', 'the host is lowercased and the default port dropped', raw('GET', 'https://EXAMPLE.Amazonaws.com:443/'))
    yield row('host-other-port', 'a port other than the default is kept', raw('GET', 'http://localhost:8080/a'))
    yield row('host-ipv6', 'an IPv6 host keeps its brackets', raw('GET', 'https://[::1]:8443/'))
    yield row('host-header-given', 'a Host header is signed as given', raw('GET', f'{u}/', [('Host', 'Other.Example.com')]))
    yield row('method-lowercase', 'the method is signed uppercased', raw('post', f'{u}/', [], 'x=1'))
    yield row(
        'date-header',
        'with a Date header botocore rewrites it and sends no X-Amz-Date',
        raw('GET', f'{u}/', [('Date', 'Mon, 01 Jan 2024 00:00:00 GMT'), date]),
    )
    yield row(
        'stale-signing-headers',
        'an old Authorization, X-Amz-Date and token are replaced',
        raw('GET', f'{u}/', [('Authorization', 'AWS4-HMAC-SHA256 old'), ('X-Amz-Date', '20000101T000000Z'), ('X-Amz-Security-Token', 'OLD')]),
        token='TOKEN/with+chars=',
    )
    yield row('session-token', 'a session token is added and signed', raw('GET', f'{u}/?a=b'), token='SESSION')
    yield row(
        'body-json',
        'the payload hash is of the body bytes',
        raw('POST', f'{u}/', [('Content-Type', 'application/x-amz-json-1.0'), ('X-Amz-Target', 'Svc.Op')], '{"Name":"caf\u00e9 \u1234"}'),
        region='eu-west-3',
        service='sms-voice',
    )
    # Requests as botocore's serializers make them for the coming protocols.
    yield row(
        'rest-json-lambda-invoke',
        'restJson1: path label, query, headers and a blob payload',
        serialized('lambda', 'Invoke', {
            'FunctionName': 'arn:aws:lambda:us-east-1:123456789012:function:my-fn',
            'InvocationType': 'Event',
            'ClientContext': 'eyJjdXN0b20iOnt9fQ==',
            'Payload': b'{"key": "value with spaces & symbols"}',
            'Qualifier': '$LATEST',
        }, 'https://lambda.us-east-1.amazonaws.com'),
        service='lambda',
    )
    yield row(
        'rest-json-list-query',
        'restJson1: a list in the query repeats its key',
        serialized('lambda', 'UntagResource', {
            'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:fn',
            'TagKeys': ['team', 'cost center', 'a+b', 'caf\u00e9'],
        }, 'https://lambda.us-east-1.amazonaws.com'),
        service='lambda',
    )
    yield row(
        'rest-json-list-functions',
        'restJson1: optional query members, a marker with reserved characters',
        serialized('lambda', 'ListFunctions', {
            'Marker': 'abc/def+ghi==',
            'MaxItems': 50,
            'FunctionVersion': 'ALL',
        }, 'https://lambda.us-east-1.amazonaws.com'),
        service='lambda',
    )
    yield row(
        'query-protocol-iam',
        'awsQuery: a form-encoded body',
        serialized('iam', 'ListUsers', {'PathPrefix': '/division abc/', 'MaxItems': 10}, 'https://iam.amazonaws.com'),
        service='iam',
    )
    yield row(
        'query-protocol-sns',
        'awsQuery: unicode and reserved characters in the body',
        serialized('sns', 'Publish', {
            'TopicArn': 'arn:aws:sns:us-east-1:123456789012:topic',
            'Message': 'caf\u00e9 & co = 100%',
        }, 'https://sns.us-east-1.amazonaws.com'),
        service='sns',
    )


def main():
    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f'botocore {BOTOCORE_VERSION} is required, found {botocore.__version__}')
    botocore.auth.get_current_datetime = lambda: TIME
    table = {
        'botocore': botocore.__version__,
        'access_key_id': ACCESS_KEY_ID,
        'secret_access_key': SECRET_ACCESS_KEY,
        'time': int(TIME.timestamp()),
        'rows': list(rows()),
    }
    json.dump(table, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
