import { PortSet } from '../../../src/analyze/port-set.js';
import { splitIpSpace, ipBlockSet, formatIpRange } from '../../../src/analyze/ip-blocks.js';

describe('PortSet', () => {
  it.each([
    [
      'adjacent ports merge',
      PortSet.range('TCP', 8081, 8081).union(PortSet.range('TCP', 8082, 8082)),
      'TCP 8081-8082',
    ],
    [
      'protocols sort by name',
      PortSet.range('UDP', 53, 53).union(PortSet.range('SCTP', 9, 9)),
      'SCTP 9,UDP 53',
    ],
    [
      'three full protocols are All Connections',
      PortSet.protocol('TCP').union(PortSet.protocol('UDP')).union(PortSet.protocol('SCTP')),
      'All Connections',
    ],
    ['a lone full protocol keeps its range', PortSet.protocol('TCP'), 'TCP 1-65535'],
    [
      'subtract cuts a hole',
      PortSet.protocol('TCP').subtract(PortSet.range('TCP', 80, 80)),
      'TCP 1-79,81-65535',
    ],
    [
      'intersect keeps the overlap',
      PortSet.range('UDP', 5000, 6000).intersect(PortSet.range('UDP', 5353, 7000)),
      'UDP 5353-6000',
    ],
  ])('when %s, prints %s', (_why, set, text) => {
    expect(set.toString()).toBe(text);
  });
});

describe('splitIpSpace', () => {
  it('cuts IPv4 space at every cidr and except boundary', () => {
    const set = ipBlockSet({ cidr: '10.0.0.0/8', except: ['10.10.0.0/16'] });
    expect(splitIpSpace(set ? [set] : []).map(formatIpRange)).toEqual([
      '0.0.0.0-9.255.255.255',
      '10.0.0.0-10.9.255.255',
      '10.10.0.0-10.10.255.255',
      '10.11.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
    ]);
  });

  it('leaves IPv6 blocks out of the IPv4 analysis', () => {
    expect(ipBlockSet({ cidr: '::/0' })).toBeUndefined();
  });
});
