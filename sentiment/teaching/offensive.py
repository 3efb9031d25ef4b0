"""Insults kept out of what the page offers as a word's neighbors, substitutes or analogies.

The word vectors learnt from 544,116 Weibo posts, where an insult sits beside everyday words
(外卖 and 小哥 have 脑瘫 among their ten nearest words). A live demo should not put one on the screen
unasked; a word typed on purpose still gets its own vector and neighbors.
"""

from __future__ import annotations

OFFENSIVE = frozenset(
    "脑瘫 脑残 智障 弱智 煞笔 傻逼 傻b 傻叉 尼玛 草泥马 他妈的 妈的 畜生 王八蛋 狗东西 贱人 婊子 杂种 "
    "sb cnm nmsl".split()
)
