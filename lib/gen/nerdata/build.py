import sys, os, re, json, collections
sys.path.insert(0,'/tmp/nerwork')
from conv import *
M='/work/.mirror/'
STD={'PER':'PER','PERS':'PER','PERSON':'PER','ORG':'ORG','LOC':'LOC','GPE':'LOC','MISC':'MISC'}
which=sys.argv[1:]
# ---- el: elNER4 IOB2 (train/dev only extracted from tarball)
if 'el' in which:
    for split,fn in (('train','train_elNER4.iob2'),('dev','dev_elNER4.iob2')):
        txt=open('/tmp/nerwork/IOB2/'+fn,encoding='utf-8-sig').read()
        write(f'{OUT}/el/{split}', read_conll(txt, mapping=STD))
# ---- fr: WikiANN (davidsbatista) primary
if 'fr' in which:
    D=M+'davidsbatista+NER-datasets/repo'
    for split in ('train','dev'):
        write(f'{OUT}/fr/{split}', read_conll(git_show(D,'HEAD',f'WikiANN/fr/{split}'), sep='\t', mapping=STD, strip_prefix=True))
    # Europeana FR: IOB1, no sentence boundaries -> split at sentence-final punctuation
    E=M+'EuropeanaNewspapers+ner-corpora/repo'
    txt=git_show(E,'HEAD','enp_FR.bnf.bio/enp_FR.bnf.bio')
    toks=[l.split() for l in txt.splitlines() if l.strip()]
    lines=[]; n=0
    for p in toks:
        if len(p)<2: continue
        lines.append(p[0]+' '+p[-1]); n+=1
        if (p[0] in ('.','!','?') and p[-1]=='O') or n>=80:
            lines.append(''); n=0
    write(f'{OUT}/fr/extra/europeana/train', read_conll('\n'.join(lines), mapping=STD, scheme='IOB1'))
# ---- pt
if 'pt' in which:
    D=M+'davidsbatista+NER-datasets/repo'
    HM={'PESSOA':'PER','LOCAL':'LOC','ORGANIZACAO':'ORG'}
    write(f'{OUT}/pt/train', read_conll(git_show(D,'HEAD','Portuguese/Paramopama/corpus_First_HAREM.txt'), sep='\t', mapping=HM, scheme='IO'))
    for split in ('train','dev'):
        write(f'{OUT}/pt/extra/wikiann/{split}', read_conll(git_show(D,'HEAD',f'Portuguese/WikiANN/{split}'), sep='\t', mapping=STD, strip_prefix=True))
    LM={'PESSOA':'PER','LOCAL':'LOC','ORGANIZACAO':'ORG','LEGISLACAO':'MISC','JURISPRUDENCIA':'MISC'}
    for split in ('train','dev'):
        write(f'{OUT}/pt/extra/lener-br/{split}', read_conll(git_show(D,'HEAD',f'Portuguese/leNER-Br/{split}.conll'), mapping=LM))
    write(f'{OUT}/pt/extra/paramopama/train', read_conll(git_show(D,'HEAD','Portuguese/Paramopama/corpus_Paramopama.txt'), sep='\t', mapping=HM, scheme='IO'))
# ---- pl / ru WikiANN from Babelscape
if 'wa' in which:
    B=M+'Babelscape+wikineural/repo'
    for lang,dst in (('pl','pl'),('ru','ru/extra/wikiann')):
        for split,src in (('train','train'),('dev','val')):
            write(f'{OUT}/{dst}/{split}', read_conll(git_show(B,'HEAD',f'data/wikiann/{lang}/{src}.conllu'), tokcol=1, sep='\t', mapping=STD))
# ---- tr: Tur et al. 2003 news, bracket format
if 'tr' in which:
    T=M+'hilalbenzer+turkish-ner/repo'
    txt=git_show(T,'c71a996f34abe8d040fda7221e5ced7c496a0520','src/reyyan.train.txt')
    sents=[]; bad=0
    TM={'PER':'PER','LOC':'LOC','ORG':'ORG'}
    for line in txt.splitlines():
        toks=line.split()
        if not toks: continue
        cur=[]; typ=None; first=False
        for t in toks:
            m=re.fullmatch(r'\[(PER|LOC|ORG)',t)
            if m and typ is None: typ=TM[m.group(1)]; first=True; continue
            if t==']' and typ is not None: typ=None; continue
            if typ: cur.append((t,('B-' if first else 'I-')+typ)); first=False
            else: cur.append((t,'O'))
        if typ is not None: bad+=1
        sents.append(cur)
    print('tr unclosed brackets:',bad, 'leftover bracket tokens:', sum(1 for s in sents for t,_ in s if re.match(r'^\[(PER|LOC|ORG)$',t) or t==']'))
    write(f'{OUT}/tr/train', sents)
json.dump(STATS, open('/tmp/nerwork/stats_%s.json'%'_'.join(which),'w'), ensure_ascii=False, indent=1)
for k,v in STATS.items(): print(k,v)
# ---- ru: factRuEval-2016 devset (news) -> train
if 'ru' in which:
    import subprocess
    F=M+'dialogue-evaluation+factRuEval-2016/repo/.git'
    names=subprocess.run(['git','--git-dir='+F,'ls-tree','-r','--name-only','HEAD','devset/'],capture_output=True,text=True).stdout.split()
    docs=sorted({n[len('devset/'):].rsplit('.',1)[0] for n in names if n.endswith('.tokens')}, key=lambda x:int(x.split('_')[1]))
    NAMESPAN={'Person':{'name','surname','patronymic','nickname'},'Location':{'loc_name'},'LocOrg':{'loc_name'},'Org':{'org_name','loc_name'},'Project':{'prj_name'}}
    OT={'Person':'PER','Location':'LOC','LocOrg':'LOC','Org':'ORG','Project':'MISC'}
    out=[]; dropped=collections.Counter()
    for d in docs:
        toks=[]; sents=[[]]
        for l in git_show(F,'HEAD',f'devset/{d}.tokens').splitlines():
            if not l.strip():
                if sents[-1]: sents.append([])
                continue
            tid,st,ln,tx=l.split(' ',3)
            sents[-1].append(len(toks)); toks.append([tid,tx,'O'])
        if not sents[-1]: sents.pop()
        idx={t[0]:i for i,t in enumerate(toks)}
        spans={}
        for l in git_show(F,'HEAD',f'devset/{d}.spans').splitlines():
            if not l.strip(): continue
            p=l.split('#')[0].split()
            spans[p[0]]=(p[1],p[4],int(p[5]))
        objs=[]
        for l in git_show(F,'HEAD',f'devset/{d}.objects').splitlines():
            if not l.strip(): continue
            p=l.split('#')[0].split()
            typ=p[1]; ids=p[2:]
            if typ not in OT: dropped[typ]+=1; continue
            rng=[]
            for sid in ids:
                if sid not in spans: continue
                st,ft,n=spans[sid]
                if st in NAMESPAN[typ] and ft in idx:
                    a=idx[ft]; rng+= [a, a+n-1]
            if typ=='Org' and not any(spans.get(sid,('',))[0]=='org_name' for sid in ids): rng=[]
            if not rng: dropped[typ+'(no name span)']+=1; continue
            objs.append((min(rng),max(rng),OT[typ]))
        objs.sort(key=lambda o:(-(o[1]-o[0]),o[0]))
        used=set()
        for a,b,t in objs:
            if any(i in used for i in range(a,b+1)): dropped['overlap']+=1; continue
            for i in range(a,b+1): used.add(i); toks[i][2]=('B-' if i==a else 'I-')+t
        out.append('DOC')
        for s in sents: out.append([(toks[i][1],toks[i][2]) for i in s])
    print('ru dropped', dict(dropped), 'docs', len(docs))
    write(f'{OUT}/ru/train', out)
    json.dump(STATS, open('/tmp/nerwork/stats_%s.json'%'_'.join(which),'w'), ensure_ascii=False, indent=1)
    for k,v in STATS.items(): print(k,v)
