from bench import cases as b
b.configure("sqlite:////work/main/var/bench/cases-100000.sqlite3")
import cProfile, pstats, time
from django.urls import reverse
from django.db.models import Count
from hamkor.cases.models import Case
from hamkor.core.models import User
busiest = Case.objects.values("worker").annotate(n=Count("pk")).order_by("-n").first()
w = User.objects.get(pk=busiest["worker"])
c = b._client(w.email)
codes = list(Case.objects.filter(organisation=w.organisation).values_list("code", flat=True)[200:230])
c.get(reverse("cases:detail", args=codes[0].split("/")))
ts=[]
for code in codes[1:16]:
    t=time.perf_counter(); c.get(reverse("cases:detail", args=code.split("/"))); ts.append((time.perf_counter()-t)*1000)
print("plain ms", sorted(ts))
pr = cProfile.Profile(); pr.enable()
for code in codes[16:26]:
    c.get(reverse("cases:detail", args=code.split("/")))
pr.disable()
st = pstats.Stats(pr); pass
