(lp0
(dp1
S'split'
p2
S'val'
p3
sS'sentences'
p4
(lp5
(dp6
S'sent'
p7
S'the man on the le