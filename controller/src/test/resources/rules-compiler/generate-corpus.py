#!/usr/bin/env python3
# Writes a JSON array of random well-formed rule sources for RulesCompilerReferenceCorpusTest:
#   python3 generate-corpus.py <seed> <count> > sources.json
# (reference-corpus.jsonl was made with seed 7 and count 300). Each source was then compiled by ZeroTier's
# rule-compiler.js (its compile(), run with node) and stored as {"source": ..., "expected": ...}, expected being
# {"rules", "capabilities": [{id, default, rules}], "tags": [{id, default}]} as its cli.js builds a controller's
# config, or {"error": [line, column, message]}. Values avoid the cases where this compiler departs from the
# reference on purpose (docs/rules-compiler.md): chr bit 31 or 63 with other bits of its half, tag values from 2^31.
import random, json, sys

R = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
ETH = ['ipv4','arp','wol','rarp','ipv6','atalk','aarp','ipx_a','ipx_b']
PROTO = ['icmp4','icmpv4','igmp','ipip','tcp','egp','igp','udp','rdp','esp','ah','icmp6','icmpv6','l2tp','sctp','udplite']
CHR = {'inbound':63,'multicast':62,'broadcast':61,'ipauth':60,'macauth':59,'tcp_fin':0,'tcp_syn':1,'tcp_rst':2,'tcp_psh':3,
       'tcp_ack':4,'tcp_urg':5,'tcp_ece':6,'tcp_cwr':7,'tcp_ns':8,'tcp_rs2':9,'tcp_rs1':10,'tcp_rs0':11}

def num(v):
    r = R.random()
    if r < 0.3: return hex(v) if R.random() < 0.5 else '0X' + format(v, 'X')
    return str(v)

def hexs(n):
    return ''.join(R.choice('0123456789abcdefABCDEF') for _ in range(n))

def mac():
    b = [format(R.randrange(256), '02x' if R.random() < 0.5 else '02X') for _ in range(6)]
    return R.choice([':', '-', '']).join(b)

def ipv4():
    a = '.'.join(str(R.randrange(256)) for _ in range(4))
    return a + '/' + str(R.randrange(33))

def ipv6():
    g = [format(R.randrange(65536), 'x') for _ in range(8)]
    form = R.randrange(4)
    if form == 0: a = ':'.join(g)
    elif form == 1: a = g[0] + '::' + g[7]
    elif form == 2: a = '::' + g[7]
    else: a = '::ffff:' + '.'.join(str(R.randrange(256)) for _ in range(4))
    return a + '/' + str(R.randrange(129))

def rng(maxv):
    a = R.randrange(maxv + 1)
    if R.random() < 0.5: return num(a)
    b = R.randrange(a, maxv + 1)
    return num(a) + '-' + num(b)

def chr_arg():
    bits = []
    lo_excl = hi_excl = False
    for _ in range(R.randrange(1, 4)):
        if R.random() < 0.6:
            name = R.choice(list(CHR))
            bit = CHR[name]; tok = name
        else:
            bit = R.randrange(64); tok = str(bit)
        bits.append((bit, tok))
    # the reference's 32-bit sign bug: bit 31 or 63 only alone in its word
    lo = [b for b in bits if b[0] < 32]; hi = [b for b in bits if b[0] >= 32]
    if any(b[0] == 31 for b in lo) and len(set(x[0] for x in lo)) > 1: lo = [b for b in lo if b[0] != 31]
    if any(b[0] == 63 for b in hi) and len(set(x[0] for x in hi)) > 1: hi = [b for b in hi if b[0] != 63]
    toks = [t for _, t in lo + hi] or ['tcp_syn']
    return ','.join(toks)

def match(tags, params):
    m = R.choice(['ztsrc','ztdest','vlan','vlanpcp','vlandei','ethertype','macsrc','macdest','ipsrc','ipdest','iptos',
                  'ipprotocol','icmp','sport','dport','chr','framesize','random','tand','tor','txor','tdiff','teq','tseq','treq'])
    if params and m in ('dport','sport') and R.random() < 0.5:
        return m + ' ' + R.choice(params)
    if m in ('ztsrc','ztdest'): a = hexs(10)
    elif m == 'vlan': a = num(R.randrange(4096))
    elif m == 'vlanpcp': a = num(R.randrange(8))
    elif m == 'vlandei': a = num(R.randrange(2))
    elif m == 'ethertype': a = R.choice(ETH) if R.random() < 0.6 else num(R.randrange(65536))
    elif m == 'ipprotocol': a = R.choice(PROTO) if R.random() < 0.6 else num(R.randrange(256))
    elif m in ('macsrc','macdest'): a = mac()
    elif m in ('ipsrc','ipdest'): a = ipv4() if R.random() < 0.5 else ipv6()
    elif m == 'iptos': a = num(R.randrange(256)) + ' ' + rng(255)
    elif m == 'icmp': a = num(R.randrange(256)) + ' ' + ('-1' if R.random() < 0.4 else num(R.randrange(256)))
    elif m in ('sport','dport','framesize'): a = rng(65535)
    elif m == 'chr': a = chr_arg()
    elif m == 'random': a = R.choice(['0', '1', '0.5', '.25', '0.1', '0.999', '1.0', '0.0001', '0.75'])
    else:
        if tags and R.random() < 0.8:
            t = R.choice(tags)
            names = list(t['enums']) + list(t['flags'])
            v = R.choice(names) if names and R.random() < 0.6 else num(R.randrange(2**32))
            a = t['name'] + ' ' + v
        else:
            a = num(R.randrange(2**32)) + ' ' + num(R.randrange(2**32))
    return m + ' ' + a

def ws():
    return R.choice([' ', ' ', '\n\t', '\n', '  ', ' # note\n'])

def matches(tags, params, n):
    out = []
    for i in range(n):
        pre = []
        if i > 0 and R.random() < 0.3: pre.append(R.choice(['and', 'or']))
        if R.random() < 0.25: pre.append('not')
        if R.random() < 0.1 and 'or' not in pre and i > 0: pre.insert(0, 'or')
        out.append(' '.join(pre + [match(tags, params)]))
    return ws().join(out)

def statement(tags, params, allow_empty):
    a = R.choice(['drop','accept','break','accept','drop','tee','watch','redirect'])
    n = R.randrange(0 if allow_empty else 1, 4)
    if a in ('tee', 'watch'):
        head = a + ' ' + ('-1' if R.random() < 0.3 else num(R.randrange(65536))) + ' ' + hexs(10)
    elif a == 'redirect':
        head = a + ' ' + hexs(10)
    else:
        if n == 0: n = 1
        head = a
    body = matches(tags, params, n) if n else ''
    end = R.choice([';', ' ;', '\n;', ';'])
    return head + (ws() + body if body else '') + end

def program():
    parts = []
    tags = []
    used_ids = set()
    for i in range(R.randrange(0, 3)):
        name = 'tag%d' % i
        t = {'name': name, 'enums': {}, 'flags': {}}
        defs = ['id ' + num(R.randrange(2**32))]
        for j in range(R.randrange(0, 4)):
            en = 'e%d_%d' % (i, j)
            t['enums'][en] = 1
            defs.append('enum ' + num(R.randrange(2**32)) + ' ' + en)
        for j in range(R.randrange(0, 3)):
            fn = 'f%d_%d' % (i, j)
            bits = [str(R.randrange(31)) for _ in range(R.randrange(1, 3))]
            if t['flags'] and R.random() < 0.3: bits.append(R.choice(list(t['flags'])))
            t['flags'][fn] = 1
            defs.append('flag ' + ','.join(bits) + ' ' + fn)
        if R.random() < 0.6:
            names = list(t['enums']) + list(t['flags'])
            defs.append('default ' + (R.choice(names) if names and R.random() < 0.6 else str(R.randrange(2**31))))
        R.shuffle(defs)
        parts.append('tag ' + (name.upper() if R.random() < 0.2 else name) + ws() + ws().join(defs) + ws() + ';')
        tags.append(t)
    macros = []
    for i in range(R.randrange(0, 3)):
        params = ['$p%d' % k for k in range(R.randrange(0, 3))]
        head = 'macro m%d' % i + ('(' + ','.join(params) + ')' if params else '')
        body = ws().join(statement(tags, params, False) for _ in range(R.randrange(1, 3)))
        parts.append(head + ws() + body + ws() + ';')
        macros.append((i, len(params)))
    for i in range(R.randrange(0, 3)):
        cid = R.randrange(2**32)
        while cid in used_ids: cid = R.randrange(2**32)
        used_ids.add(cid)
        body = [statement(tags, [], False) for _ in range(R.randrange(1, 3))]
        if macros and R.random() < 0.4:
            mi, np = R.choice(macros)
            body.append('include m%d' % mi + ('(' + ','.join(str(R.randrange(65536)) for _ in range(np)) + ')' if np else ''))
        items = ['id ' + num(cid)] + (['default'] if R.random() < 0.3 else []) + body
        parts.append('cap c%d' % i + ws() + ws().join(items) + ws() + ';')
    for i in range(R.randrange(1, 6)):
        if macros and R.random() < 0.2:
            mi, np = R.choice(macros)
            parts.append('include m%d' % mi + ('(' + ','.join(str(R.randrange(65536)) for _ in range(np)) + ')' if np else ''))
        else:
            parts.append(statement(tags, [], False))
    R.shuffle(parts)
    if R.random() < 0.5: parts.append('accept;')
    return '\n'.join(parts) + '\n'

n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
json.dump([program() for _ in range(n)], sys.stdout)
