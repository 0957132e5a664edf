# Benchmark snippets: typical interview-prep examples, separated by "# ---- name" lines.
# Each must be deterministic so the sandbox's output can be checked against plain python3.
# ---- list-comprehension
squares = [x * x for x in range(10) if x % 2 == 0]
print(squares)
# ---- dict-comprehension
words = ["apple", "banana", "cherry"]
print({w: len(w) for w in words})
# ---- mutable-default
def append(item, bucket=[]):
    bucket.append(item)
    return bucket
print(append(1), append(2))
# ---- is-vs-eq
a = [1, 2]
b = [1, 2]
print(a == b, a is b, a is a)
# ---- closures
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter()
print(c(), c(), c())
# ---- late-binding
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
fixed = [lambda i=i: i for i in range(3)]
print([f() for f in fixed])
# ---- decorator
import functools
def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        result = fn(*args)
        print(f"{fn.__name__}{args} -> {result}")
        return result
    return wrapper
@trace
def add(a, b):
    return a + b
add(2, 3)
print(add.__name__)
# ---- lru-cache-fib
from functools import lru_cache
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info().hits)
# ---- generator
def countdown(n):
    while n > 0:
        yield n
        n -= 1
gen = countdown(3)
print(next(gen), list(gen))
# ---- generator-expression-sum
print(sum(x * x for x in range(100_000)))
# ---- dataclass
from dataclasses import dataclass, field
@dataclass(order=True)
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
p = Point(1, 2)
print(p, p == Point(1, 2), sorted([Point(3), Point(1, 5)]))
# ---- counter
from collections import Counter
print(Counter("mississippi").most_common(3))
# ---- defaultdict-grouping
from collections import defaultdict
groups = defaultdict(list)
for word in ["ant", "bee", "cat", "apple", "bear"]:
    groups[word[0]].append(word)
print(dict(groups))
# ---- deque-rotate
from collections import deque
d = deque([1, 2, 3, 4, 5])
d.rotate(2)
print(d, d.popleft(), d.pop())
# ---- ordereddict-lru
from collections import OrderedDict
class LRU:
    def __init__(self, cap):
        self.cap, self.data = cap, OrderedDict()
    def get(self, k):
        if k not in self.data:
            return -1
        self.data.move_to_end(k)
        return self.data[k]
    def put(self, k, v):
        self.data[k] = v
        self.data.move_to_end(k)
        if len(self.data) > self.cap:
            self.data.popitem(last=False)
cache = LRU(2)
cache.put(1, 1); cache.put(2, 2); cache.get(1); cache.put(3, 3)
print(list(cache.data), cache.get(2))
# ---- namedtuple
from collections import namedtuple
Pair = namedtuple("Pair", "left right")
p = Pair(1, right=2)
print(p, p._asdict(), p._replace(left=9))
# ---- heapq-k-smallest
import heapq
nums = [7, 2, 9, 4, 1, 8, 3]
print(heapq.nsmallest(3, nums), heapq.nlargest(2, nums))
h = []
for n in nums:
    heapq.heappush(h, n)
print([heapq.heappop(h) for _ in range(len(h))])
# ---- bisect
import bisect
grades = [60, 70, 80, 90]
print([("FDCBA")[bisect.bisect(grades, s)] for s in [55, 65, 75, 85, 95]])
# ---- binary-search
def search(xs, target):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
data = list(range(0, 1000, 3))
print(search(data, 300), search(data, 301))
# ---- two-sum
def two_sum(nums, target):
    seen = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return seen[target - n], i
        seen[n] = i
print(two_sum([2, 7, 11, 15], 9), two_sum([3, 2, 4], 6))
# ---- bfs
from collections import deque
graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["f"], "e": ["f"], "f": []}
def bfs(start, goal):
    queue, seen = deque([[start]]), {start}
    while queue:
        path = queue.popleft()
        if path[-1] == goal:
            return path
        for nxt in graph[path[-1]]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(path + [nxt])
print(bfs("a", "f"))
# ---- dfs-recursion
tree = {"root": ["x", "y"], "x": ["x1", "x2"], "y": [], "x1": [], "x2": []}
def walk(node, depth=0):
    print("  " * depth + node)
    for child in tree[node]:
        walk(child, depth + 1)
walk("root")
# ---- sorting-keys
people = [("ann", 31), ("bob", 25), ("cid", 31), ("dee", 22)]
print(sorted(people, key=lambda p: (-p[1], p[0])))
from operator import itemgetter
print(max(people, key=itemgetter(1)))
# ---- string-methods
s = "  Hello, World  "
print(s.strip().lower().replace("world", "there"), s.split(","), "-".join("abc"))
print("racecar"[::-1] == "racecar", "abc".center(9, "*"))
# ---- f-strings
pi = 3.14159265
name = "pi"
print(f"{name!r:>6} = {pi:.3f} {pi:10.2e} {255:#x} {1_000_000:,}")
# ---- slicing
xs = list(range(10))
print(xs[2:8:2], xs[::-1][:3], xs[-3:])
xs[1:4] = ["a"]
print(xs)
# ---- unpacking
first, *middle, last = range(6)
print(first, middle, last)
a, b = 1, 2
a, b = b, a
print(a, b, {**{"x": 1}, "y": 2}, [*range(3), *"ab"])
# ---- walrus
import re
lines = ["id=7", "nothing", "id=42"]
print([int(m.group(1)) for line in lines if (m := re.match(r"id=(\d+)", line))])
# ---- match-statement
def describe(cmd):
    match cmd.split():
        case ["go", direction]:
            return f"going {direction}"
        case ["take", *items]:
            return f"taking {len(items)} items"
        case _:
            return "unknown"
print(describe("go north"), describe("take a b c"), describe("dance"))
# ---- exceptions
class InsufficientFunds(Exception):
    pass
def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(f"need {amount - balance} more")
    return balance - amount
try:
    withdraw(10, 25)
except InsufficientFunds as e:
    print("error:", e)
finally:
    print("done")
# ---- exception-chaining
try:
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("bad config") from e
except ValueError as e:
    print(repr(e), repr(e.__cause__))
# ---- context-manager
from contextlib import contextmanager
@contextmanager
def tag(name):
    print(f"<{name}>")
    yield
    print(f"</{name}>")
with tag("div"):
    print("content")
# ---- class-context-manager
class Timer:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", exc_type.__name__ if exc_type else None)
        return True
with Timer():
    raise RuntimeError("swallowed")
print("after")
# ---- properties
class Temperature:
    def __init__(self, celsius):
        self._c = celsius
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @fahrenheit.setter
    def fahrenheit(self, value):
        self._c = (value - 32) * 5 / 9
t = Temperature(100)
t.fahrenheit = 32
print(t._c, Temperature(37).fahrenheit)
# ---- slots
class Slotted:
    __slots__ = ("x",)
s = Slotted()
s.x = 1
try:
    s.y = 2
except AttributeError as e:
    print("AttributeError:", e)
# ---- mro
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B" + super().who()
class C(A):
    def who(self):
        return "C" + super().who()
class D(B, C):
    def who(self):
        return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
# ---- dunder-methods
class Vector:
    def __init__(self, *xs):
        self.xs = xs
    def __add__(self, other):
        return Vector(*(a + b for a, b in zip(self.xs, other.xs)))
    def __len__(self):
        return len(self.xs)
    def __repr__(self):
        return f"Vector{self.xs}"
    def __eq__(self, other):
        return self.xs == other.xs
print(Vector(1, 2) + Vector(3, 4), len(Vector(1, 2, 3)), Vector(1) == Vector(1))
# ---- iterator-protocol
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)))
# ---- descriptors
class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be positive")
        setattr(obj, self.name, value)
class Order:
    qty = Positive()
    def __init__(self, qty):
        self.qty = qty
try:
    Order(0)
except ValueError as e:
    print(e, Order(3).qty)
# ---- metaclass-registry
registry = {}
class Registered(type):
    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, ns)
        registry[name] = cls
        return cls
class Plugin(metaclass=Registered):
    pass
class Csv(Plugin):
    pass
print(sorted(registry))
# ---- abc
from abc import ABC, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
try:
    Shape()
except TypeError as e:
    print(type(e).__name__, Square(3).area())
# ---- enum
from enum import Enum, auto
class Stage(Enum):
    DRAFT = auto()
    REVIEW = auto()
    SHIPPED = auto()
print(Stage.REVIEW, Stage(3), [m.name for m in Stage], Stage["DRAFT"] is Stage.DRAFT)
# ---- itertools
import itertools
print(list(itertools.permutations("abc", 2))[:4])
print(list(itertools.combinations(range(4), 2)))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.islice(itertools.count(10, 5), 3)))
print([(k, len(list(g))) for k, g in itertools.groupby("aaabbc")])
# ---- zip-enumerate
names = ["a", "b", "c"]
scores = [90, 80, 70]
for i, (n, s) in enumerate(zip(names, scores), start=1):
    print(i, n, s)
print(dict(zip(names, scores)), list(zip(*[(1, 2), (3, 4)])))
# ---- map-filter-reduce
from functools import reduce
nums = range(1, 8)
print(list(map(str, nums)), list(filter(lambda n: n % 3 == 0, nums)), reduce(lambda a, b: a * b, nums))
# ---- any-all
print(any(x > 5 for x in [1, 7]), all(x > 0 for x in [1, -1]), any([]), all([]))
# ---- sets
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), {1, 2} <= a)
# ---- copy-deepcopy
import copy
nested = [[1, 2], [3]]
shallow, deep = copy.copy(nested), copy.deepcopy(nested)
nested[0].append(99)
print(shallow, deep)
# ---- json
import json
doc = {"name": "pyprep", "tags": ["python", "interview"], "stars": 5, "ok": True, "none": None}
text = json.dumps(doc, sort_keys=True)
print(text)
print(json.loads(text) == doc)
# ---- regex
import re
log = "2024-01-05 ERROR disk full; 2024-01-06 WARN cpu hot; 2024-01-07 ERROR oom"
print(re.findall(r"(\d{4}-\d\d-\d\d) ERROR (\w+)", log))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@host you@there"))
# ---- datetime-fixed
from datetime import date, datetime, timedelta
d = date(2024, 2, 28) + timedelta(days=2)
print(d, d.strftime("%A"), datetime(2024, 1, 1, 12).isoformat())
# ---- decimal-fractions
from decimal import Decimal
from fractions import Fraction
print(0.1 + 0.2 == 0.3, Decimal("0.1") + Decimal("0.2") == Decimal("0.3"), Fraction(1, 3) + Fraction(1, 6))
# ---- integer-tricks
print(2 ** 100, divmod(17, 5), -7 // 2, -7 % 2, round(2.5), round(3.5), int("ff", 16), bin(10))
# ---- global-nonlocal
x = "global"
def outer():
    x = "outer"
    def inner():
        global x
        x = "changed"
    inner()
    return x
print(outer(), x)
# ---- args-kwargs
def show(a, b=2, *args, key=None, **kwargs):
    return a, b, args, key, kwargs
print(show(1), show(1, 3, 4, 5, key="k", extra=True))
# ---- typing
from typing import Optional, TypedDict
class Movie(TypedDict):
    title: str
    year: int
def find(year: int) -> Optional[Movie]:
    return {"title": "Up", "year": year} if year == 2009 else None
print(find(2009), find(1999), find.__annotations__["return"])
# ---- string-counting
text = "the quick brown fox jumps over the lazy dog the end"
freq = {}
for word in text.split():
    freq[word] = freq.get(word, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
# ---- anagrams
from collections import defaultdict
groups = defaultdict(list)
for w in ["eat", "tea", "tan", "ate", "nat", "bat"]:
    groups["".join(sorted(w))].append(w)
print(sorted(groups.values()))
# ---- matrix
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([list(row) for row in zip(*matrix)], [row[::-1] for row in zip(*matrix)], sum(map(sum, matrix)))
# ---- primes-sieve
def sieve(n):
    is_prime = [True] * (n + 1)
    is_prime[0:2] = [False, False]
    for i in range(2, int(n ** 0.5) + 1):
        if is_prime[i]:
            is_prime[i * i :: i] = [False] * len(is_prime[i * i :: i])
    return [i for i, p in enumerate(is_prime) if p]
primes = sieve(100_000)
print(len(primes), primes[-3:])
# ---- dynamic-programming
def coin_change(coins, amount):
    best = [0] + [amount + 1] * amount
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a:
                best[a] = min(best[a], best[a - c] + 1)
    return best[amount] if best[amount] <= amount else -1
print(coin_change([1, 5, 10, 25], 289), coin_change([2], 3))
# ---- asyncio-gather
import asyncio
async def work(n):
    await asyncio.sleep(0)
    return n * 2
async def main():
    return await asyncio.gather(*(work(i) for i in range(5)))
print(asyncio.run(main()))
# ---- struct-bytes
data = "héllo".encode("utf-8")
print(data, len(data), data.decode("utf-8"), bytes([65, 66]), bytearray(b"ab").upper())
# ---- statistics
import statistics
xs = [2, 4, 4, 4, 5, 5, 7, 9]
print(statistics.mean(xs), statistics.median(xs), statistics.mode(xs), statistics.pstdev(xs))
# ---- textwrap
import textwrap
print(textwrap.fill("The quick brown fox jumps over the lazy dog " * 2, width=30))
print(textwrap.dedent("""
    indented
      more
"""))
# ---- class-vs-instance-attr
class Dog:
    tricks = []
    def __init__(self, name):
        self.name = name
    def add(self, trick):
        self.tricks.append(trick)
a, b = Dog("a"), Dog("b")
a.add("roll")
print(b.tricks, a.tricks is b.tricks)
# ---- staticmethod-classmethod
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def parse(cls, s):
        return cls(*map(int, s.split("-")))
    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
d = Date.parse("2024-03-09")
print(d.y, d.m, d.d, Date.is_leap(2024), Date.is_leap(1900))
