import sys, os, re, subprocess, collections, json
OUT='/tmp/nerdata'
STATS={}
def norm_type(t, mapping):
    return mapping.get(t, None)
def write(path, sents, docs=False):
    """sents: list of lists of (tok,tag), or the string 'DOC' for doc boundary"""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    ns=nt=0; ent=collections.Counter()
    with open(path,'w',encoding='utf-8') as f:
        for s in sents:
            if s=='DOC':
                f.write('-DOCSTART-\tO\n\n'); continue
            if not s: continue
            s=fix_bio(s)
            for tok,tag in s:
                tok=tok.replace('\t',' ').strip() or '_'
                tok=tok.replace(' ','_')
                f.write(f'{tok}\t{tag}\n')
                if tag.startswith('B-'): ent[tag[2:]]+=1
            f.write('\n'); ns+=1; nt+=len(s)
    STATS[path]={'sentences':ns,'tokens':nt,'entities':dict(ent)}
def fix_bio(s):
    out=[]; prev='O'
    for tok,tag in s:
        if tag.startswith('I-') and not (prev!='O' and prev[2:]==tag[2:]):
            tag='B-'+tag[2:]
        out.append((tok,tag)); prev=tag
    return out
def conv_tag(tag, mapping, scheme='IOB2'):
    if tag=='O' or tag=='': return 'O'
    if scheme=='IO':
        t=mapping.get(tag); return 'I-'+t if t else 'O'
    p,_,t=tag.partition('-')
    t=mapping.get(t)
    if not t: return 'O'
    if p in ('B','S','U'): return 'B-'+t
    return 'I-'+t
def read_conll(text, tokcol=0, tagcol=-1, sep=None, mapping=None, scheme='IOB2', strip_prefix=False):
    sents=[]; cur=[]; prevraw=None
    for line in text.splitlines():
        line=line.rstrip('\r\n')
        if not line.strip():
            if cur: sents.append(cur); cur=[]; prevraw=None
            continue
        parts=line.split(sep) if sep else line.split()
        tok=parts[tokcol]; raw=parts[tagcol]
        if tok=='-DOCSTART-':
            continue
        if strip_prefix: tok=re.sub(r'^[a-z]{2,3}:','',tok,count=1)
        if scheme=='IO':
            t=mapping.get(raw)
            if not t: tag='O'
            elif prevraw==raw: tag='I-'+t
            else: tag='B-'+t
        elif scheme=='IOB1':
            tag=conv_tag(raw,mapping)
            # IOB1: I- starts a chunk unless previous raw had same type; B- separates adjacent chunks
            if raw.startswith('I-') and tag!='O':
                if prevraw is None or prevraw=='O' or prevraw[2:]!=raw[2:]: tag='B-'+tag[2:]
        else:
            tag=conv_tag(raw,mapping)
        cur.append((tok,tag)); prevraw=raw
    if cur: sents.append(cur)
    return sents
def git_show(gd, rev, path):
    return subprocess.run(['git','--git-dir='+gd,'show',f'{rev}:{path}'],capture_output=True,check=True).stdout.decode('utf-8-sig')
