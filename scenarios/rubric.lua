-- rubric.lua: the principle catalog the trainer scores replies against (docs/rubric.md).
--
-- Every id is a public contract (see shared/RUBRIC.md): results files, reports and scenario
-- files name principles by id, so an id never changes meaning. Trainers may add phrases,
-- fragments and rules here without recompiling; `kefu lint scenarios/rubric.lua` checks it.
--
-- How detectors read (all patterns are PCRE2 regular expressions, UTF + UCP):
--   * Patterns match the NORMALISED reply: traditional characters folded to simplified,
--     full-width letters and digits to half-width, CJK punctuation to ASCII (，→,  。→.
--     ！→!  ？→?  、→,  ：→:  ；→;  “”→"  （）→()  …→.), ASCII lower case, and every
--     white space removed. So write simplified characters, ASCII punctuation, no spaces.
--   * {NAME} expands to fragments.NAME (wrapped in a non-capturing group) when the
--     catalog is loaded; fragments may use other fragments.
--   * detect = { any = {...}, all = {...}, unless = {...}, when = {...} } is one rule, or
--     detect = { {rule}, {rule}, unless = {...} } several: a rule fires when one of its
--     `any` patterns matches, every `all` pattern matches somewhere in the reply, no
--     `unless` pattern (of the rule or of the whole detector) matches, and its `when`
--     context holds. The evidence is the leftmost `any` match, widened to cover the `all`
--     matches. Scope a negation to the words next to a phrase with look-arounds
--     ((?<!...) and (?!...)); use `unless` for what cancels the whole reply.
--   * when = { customer = {patterns}, persona = {ids}, turn_max = N } must all hold, and a
--     context that is unknown does not hold; when.unless_customer = {patterns} holds unless
--     the customer's message matches one (an unknown message excludes nothing). applies =
--     {...} has the same fields (but no unless_customer) and ANY one holding is enough, and
--     an unknown context counts as applicable (when in doubt, a technique is applicable).
--     gate = true: the detector fires only where it applies.
--   * builtin = "long_reply" counts characters against thresholds.long_reply_chars.

local F = {
  -- the person addressed, affectionate or polite
  YOU = [[您|你|亲|亲亲|宝|宝宝|亲爱的]],
  -- soft sentence-final particles, with common typos (呢/捏, 哦/喔/噢, 吗/嘛/么)
  PRT = [[哦|喔|噢|呢|捏|哈|呀|啦|哟|呦|哒|嘛|吖|咯|滴|呐|哇]],
  -- emoticons: Wangwang codes, ASCII smileys, emoji (normalisation lower-cases :D to :d)
  SMILE = [=[\^_\^|\^\^|\^o\^|\^-\^|\^ω\^|:\)|:-\)|:d|:-d|=\)|\(\^_\^\)|/:\)|/:\^_\^|\[(?:微笑|呲牙|愉快|可爱|玫瑰|握手|抱抱|憨笑|害羞|偷笑|调皮|笑脸|爱心|耶|ok|赞|强|花|亲亲|飞吻|鼓掌)\]|[😊😄😁🙂☺😀😃😆🌹❤💕🥰😘🤗👍🌸✨💖😉💐🙏]]=],
  -- a number, in digits or Chinese
  NUM = [[[0-9]{1,6}(?:\.[0-9]{1,2})?|[一二两三四五六七八九十百千几]{1,4}]],
  -- the end of a clause
  END = [[[,.!?;~]|$]],
  -- one character inside a sentence (normalisation turns 。 into ".", so "1.5米" needs care)
  NB = [=[[0-9]\.(?=[0-9])|[^.!?]]=],
  -- one character inside a clause
  NC = [=[[0-9]\.(?=[0-9])|[^,.!?]]=],
  -- one character of an option in a two-choice question
  OPT = [=[[0-9]\.(?=[0-9])|[^,.!?;:还不没别]]=],
  -- apologies
  SORRY = [[抱歉|对不起|不好意思|sorry|歉意|致歉|道歉|见谅]],
  -- help refused ("没办法处理" "不能帮您" "不给您退"): put bare in a lookbehind before a word of
  -- help ("(?<!{=NOTDO})帮您"), so that refused help neither softens nor remedies anything
  NOTDO = [[没办法|没有办法|没法|无法|不能|不会|不予|不再|没能|不可能|不]],
  -- the reply puts it right itself: "帮您" "给您换" "马上" (not "不能给您退")
  HELPS = [[(?<!{=NOTDO})帮(?:您|你)|(?<!不能|不会|没法|无法|不|不可以)(?:给|为)(?:您|你)(?:换|退|补|寄|发|处理|安排|申请|修)|马上|立刻]],
  -- words that make a refusal soft: an alternative, an apology, a request for understanding
  -- understanding shown ("希望您理解"), not a formula of thanks ("感谢您的理解"): the softeners below
  -- share it
  UNDERSTOOD = [[(?<!感谢您的|谢谢您的|感谢你的|谢谢你的|希望您|希望你|还请您|望您)(?:理解|谅解)]],
  SOFTEN = [[(?:[0-9]+|这个价)(?:块|元)?(?:给|卖)(?:您|你)|不过|但是|可是|但(?=\p{Han})|然而|只是|或者|要不|您看|你看|(?<!不)可以(?:帮|给|为|申请|送|看看|考虑|选|试试|先|用|开|到|走|寄|改|换成|自提|使用|办理|补)|帮(?:您|你)|为(?:您|你)|给(?:您|你)(?:申请|送|推荐|留意|争取|想办法)|(?<!货|款|改)申请(?!不了)|建议|推荐|争取|为了(?:保障|保护|您|你)|抱歉|对不起|不好意思|{UNDERSTOOD}|见谅|包涵|请您(?!知悉|知晓|悉知)|麻烦您|希望您|还请|除非|如果|要是|等(?:活动|大促|双十一|节日)|再(?:加|买|拍)(?:{NC}){1,12}?就(?:刚好|可以|能|够)]],
  -- a customer bargaining
  HAGGLE = [[便宜|优惠|打折|折扣|少点|少一点|再少|能少|降价|减价|砍价|贵|便宜点|包邮|免邮|运费|最低|底价|价格|多少钱|送点|送个|赠品|礼品|抹零|零头|别家|别人家|其他家|不优惠|不买了|太高]],
  -- a customer complaining about an order gone wrong
  COMPLAIN = [[投诉|差评|退货|退款|换货|退换|坏了|破了|破损|损坏|裂|划痕|掉漆|开胶|少了|少件|缺了|漏发|没收到|还没到|还没发|太慢|怎么这么慢|发错|错了|不对|色差|质量|问题|有味|异味|脏|污渍|不满|生气|气死|搞什么|什么态度|态度差|骗|坑|垃圾|太差|失望|退钱|赔|维权|工商|12315|不能用|用不了|松了|歪|晃|响]],
  -- a customer claiming something is wrong with the goods, the order or the shop (what an
  -- agent could dispute instead of handling): a complaint or a doubt stated as fact
  CLAIM = [[过期|碎了|打碎|摔碎|变质|发霉|馊|破|烂|垃圾|劣质|差劲|太差|很差|质量差|做工差|坏|裂|断|假货|假的|骗|坑|不符|不一样|不对|色差|少了|少个|少一|少东西|缺|没发|没收到|没到|丢|错了|发错|毛病|有味|异味|臭|脏|不值|退货|退款|投诉|差评|明明|说过|答应|承诺|歪|变形|起球|褪色|掉色|开胶|磨脚|不舒服|不好用|用不了|不能用|太贵|贵了|死贵|旧货|旧的|二手|翻新|仿的|高仿|明显]],
  -- a customer asking, or voicing a worry as a guess ("不会是坏的吧"), not stating a fact: the
  -- reply's "不会的" answers it
  -- (but "不是说今天发货吗？" "说好的赠品呢" state what the customer holds to)
  ASK = [[^(?!.*(?:不是说|不是写|说好|明明|凭什么|怎么还|怎么又|怎么只有|怎么只剩|怎么少了|怎么才|不就是|这(?:也)?叫|这(?:也)?算))(?:.*(?:吗|嘛|么|\?)$|.*吗|.*(?:嘛|(?<!什|怎|这|那|多)么)[,.!~]|.*(\p{Han})不\g{-1}|.*(?:会不会|是不是|有没有|怎么样|好不好|能不能|可不可以|怕|担心|万一|多久|多长时间|多少年)|(?:.*[,.!?~])?(?:你们|您们|你|您|这|这个|这款|它){0,2}(?:不会|该不会|应该不会|别|可别)[^,.!?]{0,14}吧[?!]?$)]],
  -- a customer doubting the goods are genuine
  DOUBT = [[正品|真的假的|真货|假货|假的|是假|是真的吗|真品|高仿|仿的|a货|山寨|水货|冒牌|靠谱|可靠|怎么(?:证明|辨别|保证|知道|相信)|验货|专柜|鉴定|防伪|授权|信得过|可信|放心吗|骗人|骗子]],
  -- a customer asking whether something exists (a colour, a size, a model)
  ASKHAS = [[有没有|有木有|有无|还有没有|能不能(?:做|定做|订做|出)|可以(?:做|定做|订做)|有(?:[0-9]\.(?=[0-9])|[^,.!?]){1,12}?(?:的)?(?:吗|嘛|么|不|没)|出(?:[0-9]\.(?=[0-9])|[^,.!?]){1,8}?(?:吗|嘛|么)|没有(?:[0-9]\.(?=[0-9])|[^,.!?]){1,10}?(?:吗|嘛|么)|还有(?:吗|嘛|么|没|不|的吗)|(?:还)?有货(?:吗|嘛|么|没|不)?|还有货|有(?:吗|嘛|么|没有|木有|不)(?:\?|$)|想要|我要|想买|要个|要一个|有货|有现货|缺货|断码|没货]],
  -- a customer asking for an item, or whether what is out will come back ("那以后会进吗？")
  ASKSTOCK = [[{ASKHAS}|(?:会|能)(?:再)?(?:进|补|有)(?:货)?(?:吗|嘛|么|\?)|补货|到货|什么时候(?:有|进|补)]],
  -- a customer asking for a service or an item: "能刻字吗" "可以发顺丰吗" "支持货到付款吗"
  ASKFOR = [[(?:能|可以|可不可以|能不能|能否|可否|支持|接受|方便)(?:[0-9]\.(?=[0-9])|[^,.!?]){0,14}?(?:吗|嘛|么|\?)|能不能|可不可以|能否|可否|(?:吗|嘛|\?)$]],
  -- a request the reply says cannot be met: "开不了" "没法刻" "不支持定制" "赶不上"
  REFUSED = [[(?:做|办|开|发|寄|改|退|换|取消|拆|刻|定制|指定|送|试|保证|加|刷|到|装|修)不了|赶不上|做不到|没法|没办法|无法|不支持|不接受|不接|不提供|不能|暂时不|不太适合|不适合|不太行|不行|不可以|不做|没有|只有|只能|只支持|不是|不带|不含|暂无|断货|缺货|没货|卖完]],
  -- what the customer asked for is not there (now): sold out, not made, only later
  MISSING = [[没有|没货|缺货|断货|断码|卖完|卖断|卖光|没库存|无库存|缺码|没码|补货|暂缺|停产|售罄|没进|没有进货|不做|没做|暂时没|暂无|不生产|下架|无货|没了|不出|没出|只有|只做|只剩|不好意思|抱歉|可惜|才(?:到|有|能到|能发|上架)|还没(?:到货|上|出)|要等|得等|没到货|到货要]],
  -- remedies for a problem with an order (000 常见售后问题及处理方案; 001 售后)
  REMEDY = [[补发|补寄|重发|重新发|重寄|换新|换货|退货|退款|全额退|退差价|部分退|补偿|赔偿|报销|维修|修好|修一下|上门|退运费|补运费|补邮费|返现|退换|换一(?:个|件|双|张|套|块|扇|副)|换个新|补一(?:个|件|根|块|套|张|扇)]],
  -- a refusal the reply goes on to make good: another remedy after it ("不能无理由退了,不过一年内
  -- 都可以保修", "运费自理,不过我给您申请补偿")
  THENREMEDY = [[[^?]*(?:不过|但是|(?:可以|帮您|给您|为您|我们|这边)(?:给您|帮您|为您)?(?:申请)?(?:{REMEDY}|换|补|修|寄|送))]],
  -- the customer has a problem with what they bought (not a pre-sale question)
  PROBLEM = [[坏|破|裂|断|歪|晃|松了|变形|开胶|掉漆|划痕|磨脚|挤脚|(?:不合适|不合身|不合脚|太大|太小|偏大|偏小|大|小)了|量错|买错|拍错|选错|看错|没看清|发错|错了|少了|少件|缺|漏发|没收到|丢|色差|有味|异味|质量问题|投诉|差评|(?:要|想|必须|给我)(?:全额)?(?:退款|退货|换货|赔偿|退钱|赔|退|换)]],
  -- the customer's own words, taken up in the reply: one to four Chinese characters that
  -- occur in the customer's message ((?C1): the engine compares the group just closed with
  -- it), not starting with a word too common to be theirs or with what they asked the shop
  -- to do (退, 换, 赔: "不退" refuses, it does not dispute), and a verb's complement (到, 起,
  -- 开) only with more after it ("查不到" is no denial of "没到账", "不会起球" is of "起球了")
  ECHO = [[((?![是要用会能了的在有过可行对知清着急担怕客方一必止仅但错问关事多够算太好也都就还很再人家退换赔补修同包满送给卖收出拿买接让降减便])(?:(?=[到起住开动下上来去完成见着得])\p{Han}{2,4}|(?![到起住开动下上来去完成见着得])\p{Han}{1,4}))(?C1)]],
  -- the same, two characters at least (after other words: "不是尺码小了")
  ECHO2 = [[((?![是要用会能了的在有过可行对知清着急担怕客方一必止仅但错问关事多够算太好也都就还很再人家退换赔补修同包满送给卖收出拿买接让降减便])\p{Han}{2,4})(?C1)]],
  -- the customer's words denied: "好薄啊" → "不薄", "发错货了" → "没发错", "有色差" → "没有色差",
  -- "小了好几厘米" → "不是尺码小了", "挂件外套就弯了" → "不至于弯吧"
  -- ((?C2): the denial itself is not the customer's, so "不舒服" answered "不舒服?" is none)
  DENYECHO = [[((?:不至于|不会|不是|不叫|不算|没有|没|不)(?:会|是|有|算)?(?:任何|一点)?{ECHO}|不是(?:(?![您你用要需必会能让给帮])\p{Han}){1,3}?{ECHO2})(?C2)]],
  -- what the customer said is not so, said back as so: "不一样" → "一样的" ((?C3): the group
  -- occurs in the customer's message right after 不, 没 or 未); not the order's own state
  -- ("还没发货" → "发货了哦，单号…" informs, it does not dispute)
  NEGECHO = [[((?![是要用会能了的在有过可行对知清着急担怕客方必止仅但错问关事多够算太好也都就还很再退换赔补修同包满送给卖收出拿买接让降减便发到寄签付拍下上])\p{Han}{1,4})(?C3)]],
  -- a guess at the cause asked on the way to fixing it, with a step to try or help beside it
  -- ("您是不是开的冷风档？把开关拨到中间那档试试呢" "是不是没先开车身底下的开关呀？要先开车子
  -- 再开遥控器"), and no mockery, hindsight or refusal: the issue's kind "您是不是…" that helps
  TRYFIX = [[^(?=.*?(?:是不是|是否|有没有))(?=.*?(?:试试|试一下|试下|再试|重置|重启|长按|短按|按一下|调到|调成|拨到|换(?:个|成|一|原装)|撕掉|装回|(?<!没)拧(?:紧|一下|下)|(?<!没)插(?:好|紧)|检查一下|视频|教(?:您|你)|陪(?:您|你)|帮(?:您|你)|给(?:您|你)(?:换|补|发|寄|申请)|还不行|不行的话|随时找我|我一直在|先[^,.!?]{1,12}再|就(?:好|行|可以|能|对上|愿意|会好)|可以(?:先|再|把|放|加|混|换|调|用|试|按|拿|装|看看|多)|改(?:回|成|到)|设置里|(?:刮|擦|泡|拉|摇|晃|吹|调|转|按|推|拨|拧|插|拔|关|开|拆|装)一(?:下|刮|擦|拉|摇|转)|先(?:用|把|放|关|开|拔|插|按|泡|擦|晾)|拍(?:给我|个|张|一下)|发(?:给我|张)|备用|远程|打开|关掉|取下|拔掉|清理一下|擦一下|摇匀))(?!.*(?:都不会|不会吗|不会用|这么简单|连这|傻|笨|常识|怪不了|不能怪|活该|早说|当初|不负责|不管|不退|不换|不保|没看|不看|自己弄|自己摔|人为|提醒|写了|写着|说了|说过|早就|凭什么|证明|说实话|确定|一般都是|肯定是|自己搞|自己装|(?:您|你)自己|不当|别一|一有问题|不是(?:我们|产品|商品|质量|东西|面膜|精华|衣服|鞋子?)(?:本身)?的?(?:问题|原因)|不是(?:我们|产品)(?:引起|造成|导致)|不可能|很少(?:有)?人会|本身(?:不会|没问题)|不代表|(?:都)?没(?:有)?(?:收到过|人)(?:\p{Han}{0,4})?(?:反馈|投诉|说过)))]],
  -- what a customer says that an agent could dispute: a claim, a complaint, a judgement of the
  -- goods, the goods held against the picture ("比图片深") (the arguing rules that need one share
  -- this, and so its remembered answer)
  CLAIMED = [[{CLAIM}|{COMPLAIN}|{PROBLEM}|比(?:图片|图|描述|页面|照片|想象|预期|说的|模特|详情)(?:的|上的|里的)?(?:还|要)?\p{Han}|觉得|感觉|看着|好像|太|好[\p{Han}]{1,2}啊|说好|不是说|写着|虚高|老是|总是|一直|根本|卡住|(?:这么|那么)(?!多|少|久|快|好|大|便宜)\p{Han}]],
  -- what makes a denial an explanation instead of an argument (001 要耐心解释): an apology,
  -- understanding, help, reassurance
  SOFTENED = [[{SORRY}|{UNDERSTOOD}|(?:您|麻烦|方便|辛苦)(?:您)?(?:先)?(?:截|拍|录)[^,.!?]{0,8}?(?:给我|发我)|(?:发|给)(?:您|你)(?:一张|张|个|一个|一下|看)?[^,.!?]{0,8}?(?:图|照片|视频|截图|链接|对比)|(?<!{=NOTDO})帮(?:您|你)|(?<!凭什么|凭啥|{=NOTDO})给(?:您|你)(?:换|退|补|处理|安排|寄|发|联系)|马上|(?<!别|不要|别老|老|老是|一直)催(?!了也|也没用|也不会)|(?<!{=NOTDO}|自己|自行|您去|你去|您|你|去)联系|(?<!{=NOTDO})跟进|(?<!去|自己|{=NOTDO})处理|放心|(?:不用|别|不要|无需|不必)(?:太)?担心]],
  -- a check offered before anything is concluded
  CHECKING = [[(?<!自己|自己先|您先|你先|您自己|你自己|自行)(?:检)?(?:核实|核对|查(?:一)?下|确认(?:一)?下)]],
  -- a courtesy from the customer, which states nothing to dispute ("不好意思，打扰了")
  COURTESY = [[^(?:不好意思|抱歉|打扰|麻烦|谢谢|多谢|辛苦)[^.!?]{0,12}[.!~]*$]],
  -- the customer choosing a variant ("我要黑色的"): "没有黑色的了" answers, it disputes nothing
  WANTS_VARIANT = [[^(?:我|那我)?(?:要|想要|想买|就要)(?![^,.!?]*(?:退|换|赔|补|修))[^,.!?]{0,8}?(?:色|码|号|款|个|件|双|套|的)(?:吧|啊|哦)?(?:[,.!~]|$)]],
  -- colour / size / model words a choice is made among
  VARIANT = [[颜色|色|码|号|尺码|尺寸|米|寸|尺|款|型号|型|版|系列|规格|大小|长度|宽度|高度|材质|配置|套餐|风格|造型]],
  -- what a product is for, who it is for (a question about these is needs discovery)
  USE = [[自己|自用|送人|送礼|送给|给(?:老人|长辈|孩子|小孩|朋友|家人|父母|爸妈|男朋友|女朋友|老公|老婆)|上班|通勤|日常|平时|出去玩|旅游|运动时|跑步时|约会|居家|的时候用|时候穿]],
  -- small gifts a shop may give instead of a lower price (002: 小礼品, 代金券)
  GIFT = [[礼品|礼物|赠品|代金券|优惠券|现金券|红包|小样|抱枕|挂件|钥匙扣|鞋垫|袜子|鞋带|护理剂|清洁剂|收纳袋|防尘袋|福利|纪念品|小礼|券]],
  -- what a customer chooses among when buying one product (colour, size, fit)
  CHOICE = [[颜色|色|码|号|尺码|尺寸|米|寸|规格|大小|长度|宽度|高度|厚度|版型|型号|风格|款式|软硬|偏软|偏硬|硬度|门|层]],
  -- what a product is worth beyond its price
  VALUE = [[性价比|物有所值|物超所值|(?:很|非常|特别)?(?:值得|值这个价)|(?:算下来|平均下来|长远来看|长期来看){NC}{0,8}?划算|用(?:个)?(?:十|几|好几|[0-9]{1,2})年|平均下来|算下来|每天才|一天才|(?:品质|质量)(?:很|非常|绝对|有)?(?:好|过硬|保障|保证|没得说|上乘)|做工|环保|耐用|结实|工艺|(?:售后|服务)(?:有保障|无忧|很好|到位|好)|保修|质保|包退|包换|免费(?:安装|上门)|正品保障|数一数二|同价位(?:里|中|的)?{NC}{0,6}?(?:最|数一数二|少有|很少|没有)|(?:不能|别|不要)(?:只)?图便宜|用料(?:扎实|足|好|讲究|厚道)|(?:缓震|支撑|回弹|保暖|透气|承重)(?:性)?(?:很|非常|特别|更|都)?(?:好|强|出色)]],
  -- what a product is made of: worth naming to a customer who finds it dear (001 突出品质)
  MATERIAL = [[用料|实木|真皮|头层|材质|牛皮|白橡木|榫卯|进口|长绒棉|[0-9]{2,3}支|桑蚕丝|高山茶|(?:一年|每年)只(?:采|产|摘|出)|手感|耐洗|耐穿|越洗越|质检|(?:很多|好多|不少)(?:老顾客|人|顾客){NC}{0,4}?回购|(?:卖了|销量){NC}{0,6}?(?:件|单)|(?:更|很)(?:省心|安心|放心)|无理由退换|售后(?:也)?有保障]],
  -- ordering verbs
  BUY = [[拍下|拍|下单|付款|支付|购买|买|入手|订购|订|定下来|定|带走|下手|收了|抢]],
  -- goods a shop in the handbook sells (furniture, bags, shoes) and their parts
  ITEM = [[床|床垫|床头柜|床头|柜|衣柜|沙发|茶几|桌|椅|凳|垫|枕|被|包|钱包|背包|挂件|鞋|鞋垫|鞋带|袜|衣|裤|件|款|套|组合|配件|护理|清洁|礼盒]],
  -- reasons a product is recommended (000 积极的推荐; 002 专业销售)
  REASON = [[最受欢迎|受欢迎|卖得(?:很|特别|非常|超|最|挺)?(?:好|火)|卖的(?:很|特别|非常|超|最|挺)?(?:好|火)|(?:很|特别|非常|超)(?:好卖|火|畅销)|不挤|不占地|最畅销|畅销|销量|爆款|热卖|热销|人气|回头客|回购|好评|口碑|新款|刚到|刚上|上新|新品|主推|适合|合适|百搭|好搭|耐磨|耐用|透气|舒服|舒适|轻便|显瘦|防水|结实|牢固|环保|实木|真皮|头层|用料|做工|材质|质量|品质|性价比|划算|实惠|性能|功能|设计|收纳|容量|承重|静音|软硬适中|护脊|因为|原因是|理由是|特点是|优势|好处|比较[^,.!?]{0,4}?(?:好|稳|软|硬|轻|大|耐)|保温|防摔|防滑|防水|防污|缓震|减震|支撑|不伤|保护|护膝|护腰|放得下|能放|能装|装得下|容量|好看|耐脏|好打理|不变形|不起球|不掉色|不闷|抗|轻巧|质感|有面子|体面|大气|洋气|显瘦|显高|(?:很|更|特别|非常|超|挺)(?:好|软|稳|轻|大|舒服|结实|耐用|实用|方便)]],
}

return {
  version = "2026.12.9",

  categories = {
    {id = "timeliness", name = "反应及时"},
    {id = "attitude", name = "服务态度"},
    {id = "needs", name = "了解需求"},
    {id = "sales", name = "专业销售"},
    {id = "closing", name = "促成交易"},
    {id = "aftersale", name = "售后处理"},
    {id = "farewell", name = "欢送"},
  },

  thresholds = {
    -- 002 反应及时: 顾客首次到访打招呼的时间不能超过15秒
    first_response_s = 15,
    -- 003 迎接顾客: 黄金6秒法则 (顾客最长的等待时间仅为6秒钟)
    first_response_excellent_s = 6,
    -- 002 反应及时: 每次回答顾客问题,顾客等待时间不能超过20秒
    reply_wait_s = 20,
    -- 002 反应及时: 打字速度要快,至少要达到50字/分钟
    typing_cpm = 50,
    -- 002 反应及时: 如回答太长,宜分次回答 (the handbook gives no number; 80 characters is
    -- about three lines of a Wangwang window, what a customer reads at a glance)
    long_reply_chars = 80,
  },

  fragments = F,

  -- What every scenario scores unless its scorecard lists the principle itself (with its own
  -- weight): the four timing principles, weighed as the shipped personas all weigh them.
  defaults = {
    weights = {
      {id = "first_response", weight = 8},
      {id = "reply_wait", weight = 10},
      {id = "typing_speed", weight = 4},
      {id = "seller_last_word", weight = 4},
    },
  },

  -- The meaning model (model/README.md): a linear classifier trained on the project's labelled
  -- replies that judges arguing, blame, interrogation, harsh refusals and cold replies from the
  -- customer's message and the reply's words, where no pattern below caught them. Patterns are
  -- the phrases that always fire; a principle's `never` list holds the ones that never do.
  model = "rubric.model",

  principles = {
    ---------------------------------------------------------------- timing (no detector)
    {
      id = "first_response", name = "首次响应", kind = "timing", category = "timeliness",
      source = "002 反应及时；003 黄金6秒法则",
      quote = "顾客首次到访打招呼的时间不能超过15秒",
      explain = "顾客第一句话发来后要在15秒内回复，6秒内最好，慢了顾客就去别家了。",
    },
    {
      id = "reply_wait", name = "回复等待", kind = "timing", category = "timeliness",
      source = "002 反应及时",
      quote = "每次回答顾客问题,顾客等待时间不能超过20秒",
      explain = "每次顾客发消息后，让顾客等待的时间都不能超过20秒。",
    },
    {
      id = "typing_speed", name = "打字速度", kind = "timing", category = "timeliness",
      source = "002 反应及时",
      quote = "打字速度要快,至少要达到50字/分钟",
      explain = "打字至少每分钟50字，顾客才不会觉得在干等。",
    },
    {
      id = "seller_last_word", name = "卖家结束对话", kind = "timing", category = "farewell",
      source = "003 禮貌告別",
      quote = "對(duì)話一定是以賣家結(jié)束",
      explain = "对话的最后一句话要由客服发出，既显得有礼貌，也便于计算响应时间。",
    },

    ---------------------------------------------------------------- techniques
    {
      id = "warm_greeting", name = "热情问候", kind = "technique", category = "attitude",
      source = "002 欢迎和欢送；003 迎接顾客 快热简",
      quote = "您好,我是某某店铺××工号,很高兴为您服务",
      explain = "第一句话要热情：问好，报上店名或工号，并主动问顾客需要什么帮助。",
      applies = {turn_max = 1},
      detect = {
        -- a welcome names the shop by itself ("欢迎光临小店"), but not a farewell's
        -- "欢迎下次光临"
        {any = {[[(?<!下次|再次|下回)欢迎(?:您|亲)?(?:光临|来到|进店|来|惠顾)(?!下次|再)]]}},
        -- a hello plus an offer of help or a name
        {
          any = {[[(?:您好|你好|亲(?:亲|爱的)?(?=您好|你好|在|有)|哈喽|hello|hi|嗨|早上好|上午好|中午好|下午好|晚上好|在的|在呢|我在)]]},
          all = {[[(?<!还)(?:有什么(?:可以|能|需要|要)?(?:为|帮|帮助)?(?:您|你|亲)?|很高兴(?:为|给)?(?:您|你)?服务|(?:为|帮)(?:您|你)服务|我是{NC}{0,10}?(?:客服|工号|小[\p{Han}])|工号|看中(?:了)?(?:什么|哪)|想(?:看|了解|咨询)(?:点)?(?:什么|哪)|请问(?:您|你)?(?:想|需要|要|有什么|是想)|需要(?:什么)?帮(?:助|忙)|(?:能|可以)(?:为|帮)(?:您|你)做(?:点)?什么|随时(?:为|帮)(?:您|你))]]},
        },
        -- "亲," alone is an address, a greeting only with an offer of help or a name
        {
          any = {[[^亲(?:亲|爱的)?(?=[,!~])]]},
          all = {[[(?<!还)(?:有什么(?:可以|能|需要|要)?(?:为|帮|帮助)(?:您|你|亲)?|很高兴(?:为|给)?(?:您|你)?服务|(?:为|帮)(?:您|你)服务|我是{NC}{0,10}?(?:客服|工号|小[\p{Han}])|工号|请问(?:您|你)?(?:想|需要|要|有什么|是想)|需要(?:什么)?帮(?:助|忙))]]},
        },
        unless = {[[^(?:在|嗯|哦)[.!]*$]]},
      },
    },
    {
      id = "friendly_tone", name = "亲切语气", kind = "technique", category = "attitude",
      source = "000 客服能做什么；002 热情亲切；003 多用疊詞和表情",
      quote = "客服的一个笑脸(^_^旺旺笑脸表情)或者一个亲切的问候,都能让客户真实的感觉到他不是在跟冷冰冰的电脑和网络打交道",
      explain = "称呼“亲”、用“哦、呢、哈、呀”等语气词和笑脸表情，让顾客感到在和一个热情的人聊天。",
      detect = {
        any = {
          -- 亲 as an address, not inside 亲自/亲眼/母亲...
          [[(?<![母父双乡相表近])亲(?:亲|爱的)?(?!自|身|眼|手|人|戚|子|属|友|情|密|切|历|笔|临|生|近)]],
          -- a soft particle closing a clause (after some words: a bare 哦 is cold; the 嘛 of
          -- 干嘛/搞嘛 "what for" is no particle)
          [[(?<=[\p{Han}a-z0-9])(?<![干搞])(?:{PRT})(?=[,.!?~]|$|{SMILE})]],
          [[(?<=[\p{Han}])~]],
          -- reduplication (003 多用叠词): 好的好的, 稍等稍等, 嗯嗯好的
          [[(好的|稍等|没问题|可以的|好哒|明白)\1]], [[嗯嗯(?=[,.!]?[\p{Han}])]],
          [[{SMILE}]],
          [[么么哒|mua|比心|抱抱]],
          -- a particle inside a run of words (spaces are dropped when normalising, so "有的哈
          -- 现货秒发" reads 有的哈现货): after 的/了/可以/好/是/有 it can only be a particle (but
          -- not 哈密瓜, 呢子)
          [[(?:的|了|可以|好|是|有|行|对)(?:哈(?!密)|哒|呢(?!子|绒|料)|哦|啦|呀|喔|噢|滴)]],
        },
        unless = {[[^(?:哦|嗯|额|呃|噢|喔|好|在){1,6}[.!~]*$]], [[(?:您|你)(?:们)?到底|到底(?:买不买|要不要|想|怎么|是不是|什么意思|有没有)|凭什么|凭啥]]},
      },
    },
    {
      id = "needs_discovery", name = "了解需求", kind = "technique", category = "needs",
      source = "003 接待咨询 开放式提问；002 了解需求",
      quote = "要通過開放式提問盡可能的多了解買家的需求",
      explain = "用开放式问题了解顾客的用途、喜好、预算、尺寸和送给谁，推荐才会准。",
      detect = {
        any = {
          -- what they care about, first purchase or not, which reason (002 FAQ: 您对哪类商品感兴趣呢?)
          [[(?:对|喜欢|感兴趣|关心|在意|看重)(?:的是)?(?:哪类|哪种|哪一类|哪方面|哪些方面|什么样的?)|(?:是|准备|打算)(?:第一次|头一次)(?:购买|买|用)(?:吗|嘛|么|呢|\?)|是(?:觉得|因为){NC}{1,14}?还是{NC}{1,14}?(?:呢|吗|\?)]],
          -- who it is for
          [[(?:是|想|打算|准备|要)?(?:自己(?:平时|跑步|上班|日常|在家|出门|运动)?(?:用|穿|住|睡|戴)(?!多|坏|错|反)|自用|送人|送礼|送给(?!您|你|亲){NC}{0,6}|给谁|给{NC}{1,4}?(?:买|用|穿|选))[^.!?]{0,12}?(?:\?|吗|嘛|么|还是|(?<!很|挺|特别|有面子|体面)呢(?=$|[,.!?]))]],
          [[(?:送给|送)(?:谁|什么人)]],
          -- taste: what style / colour / kind they like
          [[(?:喜欢|偏好|偏爱|中意|倾向|想要|想找|想买|想看|需要|要)(?:什么|怎样的?|什么样的?|啥)(?:样)?(?:风格|颜色|色|款式|款|类型|样式|材质|色系|的|类|价位|尺寸|尺码|大小|功能|款型|床|包|鞋|沙发|柜|产品|宝贝|呢|\?)|(?:喜欢|偏好|偏爱|倾向)(?:哪种|哪类|哪一种|哪一类)(?:风格|类型|样式|材质|色系|价位)]],
          [[(?:平时|平常|一般|主要|通常|经常)(?:都)?{NC}{0,10}?(?:什么|哪|怎样|多少|多大|多久|多长|多远|多高|多重|几(?:次|个|天|年|岁|码|号|公里|小时|点)|(?<!对|是|没错)(?:吗|嘛|么)(?=$|[,.!?~])|(?<!对吧|是吧|对吗|是吗|没错吧|对不对)\?)]],
          -- budget
          [[(?:预算|价位|心理价位|价格区间|价格范围){NC}{0,6}?(?:多少|多|什么|哪|大概|范围|区间|\?|呢)]],
          -- size and space
          [[(?:多大|多高|多重|多宽|多长|几码|多少码|什么码|尺码多少|几米|多少米|多少平|几平|身高|体重|脚长|脚宽|房间|卧室|客厅|空间)[^.!]{0,10}?(?:\?|呢|吗|嘛|多少|多大)]],
          [[(?:喜欢|偏好|偏爱|倾向|想要|中意)(?:(?!{CHOICE}|款){NC}){1,8}?还是(?:(?!{CHOICE}|款){NC}){1,8}?(?:\?|呢|吗|$)]],
          -- use and occasion
          [[(?:{USE}){NC}{0,8}?还是{NC}{1,10}?(?:\?|呢|吗|$)]],
          [[(?:用在|放在|摆在|用于|用来|放)(?:哪|什么|哪里|哪儿|哪个)|使用场景|什么场合|哪些场合|在哪(?:里)?用|做什么用|干什么用|用途是|平时(?:用来|做)(?:什么|啥)]],
          -- what matters to them, any particular wish
          [[(?:主要|比较|更|最)(?:看重|关注|在意|在乎|考虑|注重)(?:的是)?(?:什么|哪|哪些|哪方面)]],
          [[(?:有|对){NC}{0,6}?(?:什么|哪些)(?:具体的?|特别的?|特殊的?)?(?:要求|需求|想法|偏好|讲究|顾虑)]],
          [[(?:想|要|打算|准备)(?:买|选|找|挑|看|配|换)(?:一?[个张套件双款])?(?:什么|哪种|哪类|怎样|什么样|啥样|多大)]],
          [[(?:家里|家中|家)(?:的)?(?:装修|风格|色调|空间|面积){NC}{0,6}?(?:什么|怎样|多大|哪|\?|呢)]],
          [[(?:您|你)(?:家|家里|家中|那边)(?!地址|的地址){NC}{0,10}?(?:什么|哪种|怎样|多大|多少|几)(?:颜色|色|风格|样|装修|平|米|口人|个人)?|(?:您|你)(?:家|家里|家中)(?:里)?(?:有|有没有|养)(?!货){NC}{0,6}?(?:吗|嘛|么|\?)]],
          [[(?:是|喜欢|偏)什么(?:样的?)?(?:装修)?(?:风格|色调|色系)]],
          -- the customer's own make-up: "您是什么肤质呀？" "脸型偏圆还是偏长呢"
          [[(?:什么|哪种|哪类)(?:肤质|发质|肤色|脸型|体质|身材|户型|车型|机型|品种)(?:呀|呢|啊|的)?(?:\?|$)|(?:肤质|发质|肤色|脸型|身材|户型)(?:是)?(?:偏)?{NC}{1,4}还是{NC}{1,6}(?:\?|呢|吗|呀)]],
        },
        -- advice stated, not asked: "平时穿多大就拍多大" tells the customer what to do; and "您问
        -- 这么细是做什么用呢" asks why they ask, not what they need
        unless = {[[(?:多大|多少|什么|哪|几)(?:码|号|尺码|尺寸|的)?(?:就|便)(?:拍|选|买|下单|要|穿)]],
                  [[问(?:这么细|这么多|那么细|那么多|这个|这些|那些|这干|这些干)]]},
      },
    },
    {
      id = "recommend_with_reason", name = "推荐并说明理由", kind = "technique", category = "sales",
      source = "000 积极的推荐；002 专业销售",
      quote = "在每个链接后附上推荐的理由",
      explain = "推荐具体的款式，并说出理由（畅销、新款、符合顾客需求），而不是让顾客自己看。",
      -- the meaning model credits it where the customer is choosing, not where they haggle over,
      -- doubt or complain about the item (praise of it there is value or reassurance talk)
      model_when = {unless_customer = {[[{HAGGLE}|{DOUBT}|{COMPLAIN}]]}},
      detect = {
        -- an explicit recommendation, with a reason
        {
          any = {
            -- an explicit recommendation: 推荐/建议您选/值得入手/首选
            [[(?<!关联|不|帮您|帮你|给您|给你|为您|为你|再)(?:推荐|安利)(?:给)?(?:您|你|亲)?(?:看看|看下|看一下|看|选|买|入手|入|试试|考虑)?(?:一下|下)?(?:这|那|我们|咱们|店里|我家|第|一款|款|(?=[,.!?~]|$|哦|呢|吧|哈|呀))|(?:建议|不妨|可以|要不要|要不)(?:您|你|亲)?(?:选|买|入|拍|考虑|试试|看看|看下|了解一下)(?:一下|下)?(?:这|那|我们|咱们|店里|我家|第)|值得(?:入手|购买|拥有|一试|一买)|(?:首选|闭眼入|放心入)|(?:我|小编|个人)(?:比较|更|最)?(?:推荐|建议)(?:您|你|亲)?(?:选|买|入|看)?(?:这|那)]],
            [[(?:这|那)(?:一)?(?:款|个|张|套|双|件|系列)(?:就)?(?:很|非常|特别|挺|最|更|比较)(?:适合|合适)(?:您|你|亲)]],
            -- fits what the customer said they need: "适合您说的户外徒步"
            [[(?:很|非常|特别|正好|刚好)?(?:适合|合适)(?:您|你)(?:说的|要的|平时|的需求|这种|家|的情况|的身高|的脚)]],
            -- "跑步的话选这款气垫的" "这款316不锈钢的推荐给您" "同系列有一款托特包容量更大"
            [[(?:的话|可以|就|那就|您就|不如)(?:选|拿|入|买|看|试试)(?:这|那)(?:一)?(?:款|个|双|张|套)|(?:这|那)(?:一)?(?:款|个|双|张|套){NC}{0,12}?推荐给(?:您|你|亲)|(?:有|还有)(?:一)?款{NC}{0,10}?(?:更|很|特别|非常|比较)]],
          },
          all = {[[{REASON}]], [[(?:这|那|一)(?:一)?(?:款|个|张|套|双|件|系列|种)|推荐|建议|值得]]},
        },
        -- an item named and put forward, with a reason anywhere in the reply: "推荐您看看轻跑2代,
        -- 缓震中底" "扁平足建议看我们的稳定支撑款X7,中足有支撑片" "可以看看我们的大颗粒系列,颗粒
        -- 大、边角圆" "我建议选蓝色这双,缓震更好" (000 积极的推荐: 在每个链接后附上推荐的理由)
        {
          any = {[[(?<!不|不太|不是很|不怎么|不大)(?:推荐|建议)(?:给)?(?:您|你|亲)?(?:看看|看下|看一下|看|选|拍|买|入|用|试试|试|换)(?!一下说明|说明|下说明|一下订单|订单|物流)|(?<!不|不太|不是很|不怎么|不大)推荐(?:给)?(?:您|你|亲)?(?:这|那)(?:一)?(?:款|个|双|套|台|件|张|瓶|盒)|(?:可以|不妨|要不)(?:看看|看下|看一下|试试|考虑)(?:我们|我家|店里|咱家|同系列|隔壁)|(?:看下|看看|试试)(?:我们|我家|店里|咱家)(?:的|家的)|(?:我们|店里|我家)(?:还)?有(?:一)?款{NC}{0,16}?(?:更|很|特别|非常|比较|专用|专门)]]},
          all = {[[{REASON}|更(?:适合|合适|好|大|轻|稳|舒服|方便|清淡|柔和|放心|耐|结实|抗|保暖|透气|安全|省)|很多\p{Han}{0,6}?(?:都|爱|喜欢|买|选|回购|反馈)|(?:买|选)的(?:人)?最多|回购最多|刚好|不怕|显气质|保暖|温和|清淡|口感|专用|专为|加了|功能|续航|月销|卖了]]},
          unless = {[[(?:建议|推荐)(?:您|你|亲)?(?:先)?(?:检查|查看|重启|联系|咨询|清洗|拍照|拍个|拍一下|拍张)|(?:建议|推荐)(?:您|你|亲)?(?:选|拍|买|换|用)[^,.!?]{0,6}?(?:色|码|号|米|寸|cm|升|版)(?:的)?(?:[,.!?~]|$|哦|呢|吧|哈)]]},
          -- choosing between the colours or sizes the customer is torn between is 帮助挑选
          when = {unless_customer = {[[哪个|哪款|哪一|还是|纠结|选不出|怎么选|选什么|什么码|多大|偏大|偏小]]}},
        },
        -- the item praised as best-seller or new (000 积极的推荐); but said of the item the
        -- customer is haggling over, doubting or hesitating on, it is value, reassurance or
        -- scarcity talk, not a recommendation
        {
          any = {
            -- "这款是我们卖得最好的" (000: 这款是我们最受欢迎的款式之一)
            [[(?:这|那)(?:一)?(?:款|个|张|套|双|件|系列){NC}{0,12}?(?:最受欢迎|受欢迎|卖得最好|卖的最好|卖得很好|卖得最火|卖得很火|最火|销量最好|销量最高|销量很好|销量第一|销量冠军|最畅销|很畅销|爆款|热卖|热销|主推|镇店之宝|刚到的新款|新款|新品|回头客|回购|好评率)]],
          },
          when = {unless_customer = {[[{HAGGLE}|{DOUBT}|{COMPLAIN}|考虑|想想|再看看|等等|等会|犹豫|不是不好|是不是不好]]}},
        },
        unless = {[[^(?:随便|随意)(?:看看|看)]]},
      },
    },
    {
      id = "related_sale", name = "关联推荐", kind = "technique", category = "sales",
      source = "001 關聯推薦；002 主动推荐和关联销售",
      quote = "善于向顾客推荐公司主推款,并给予关联推荐,乃至达成更高的客单价",
      explain = "顾客选定一件后，顺势推荐一两件能搭配的商品（如床配床垫），提高客单价。",
      detect = {
        any = {
          [[(?:搭配(?!一下|下)|配上|配个|配套的?|配一(?:个|张|双|套|条|只|件|款)|配(?:我们|店里|我家)(?:家)?的|加(?:个|一个|一张|一双|一套)|再(?:加|配|带|拿|入|来|选)(?:一)?(?:个|张|双|套|条|只|件|款)|顺便(?:带|看看|买|拍|入|配)|一起(?:拍|买|入手|下单|带走|带|购买|选|配)|搭着(?:买|用)|配着(?:买|用)|凑单|凑(?:一下|一凑|个单|满)|加购|套餐|组合(?:购买|买|价|优惠)|一整套)]],
          -- a second item that goes with the first: "跟您这双跑鞋很搭" "同系列的茶几,颜色和沙发是
          -- 一套的" "要不要一起看看"
          [[(?:跟|和|与)(?:您|你)?(?:的|这|那)?{NC}{0,8}?(?:很搭|挺搭|好搭|超搭|绝配|是一套|一套的|一个系列|一个色系|同(?:一)?(?:个)?系列)|同(?:一)?(?:个)?系列的(?:茶几|椅子|椅|凳子|凳|柜子|柜|床头柜|边几|床垫|枕头|包包|钱包|袜子|配件|桌子|桌|沙发|鞋)|(?:摆|放|配|用)(?:在)?一起(?:特别|很|更|非常)?(?:协调|好看|搭|统一)|一起(?:看看|选|挑|考虑)|凑(?:上|满|够)?(?:一|两)?(?:个|件|双|条|副|套)?{NC}{0,6}?(?:袜|鞋垫|鞋带|护理|清洁|枕|床垫|床头柜|茶几|收纳|挂件|钱包|椅|凳|杯|配件)]],
        },
        unless = {[[(?:不用|无需|不需要|没必要)(?:再)?(?:搭配|配|加|买)]]},
      },
    },
    {
      id = "help_choose", name = "帮助挑选", kind = "technique", category = "needs",
      source = "000 帮助准顾客挑选,促成交易",
      quote = "转而热情地帮对方挑选颜色、规格、式样等,一旦上述问题解决,你的订单也就落实了",
      explain = "顾客在颜色、尺寸、款式间犹豫时，根据顾客情况替他拿主意。",
      detect = {
        {
        any = {
          -- a pick under a stated condition: "仰睡的话建议10cm" "怕热的话选冰丝款"
          [[(?:侧睡|仰睡|趴睡|油皮|干皮|混油|敏感肌|皮肤白|皮肤黑|个子高|个子小|偏胖|偏瘦|脚背高|脚宽|怕热|怕冷|北方|南方|有暖气|没暖气|小户型|大户型|(?:平时)?穿[smlx0-9]{1,3})(?:的话|的)?,?(?:就|那就|直接)?(?:建议|选|拍|可以选)(?:您|你)?(?:选|拍|用|拿)?(?:这款|这个)?[\p{Han}0-9a-z.]{1,10}]],
          -- "建议选胡桃色" "推荐您拿42码" "建议选乳胶款"
          [[(?:建议|推荐|个人建议|我选|帮您选)(?:您|你|亲)?(?:选|拿|买|拍|要|入|挑|定|穿|用)(?:{NC}){0,6}?(?:{CHOICE}|(?<!这|那|一|哪|此|该|同)款)]],
          -- "我觉得黑色更适合您" "胡桃色更适合您家" "42码刚好"
          [[(?<!您|你)(?:觉得|认为|个人觉得|我看)(?:{NC}){0,8}?(?:{CHOICE}|[0-9.]{1,4}(?:米|码|寸))(?:的)?(?:会)?(?:更|比较|最|挺|很|刚好|正好)(?:适合|合适|好看|搭|实用|够|稳妥|耐脏|显|百搭|舒服|好)]],
          [[(?:[0-9.]{1,4}(?:米|码|寸|cm|厘米)|[\p{Han}]{1,3}色|[smlx]{1,3}码?|[大中小]号)(?:的)?(?:款)?(?:会)?(?:更|比较|最|会更|就很|刚好|正好|正)(?:适合|合适|好看|搭|实用|耐脏|显|百搭|够用|舒服|贴合|衬|配|洋气|大气)|(?:[0-9.]{1,4}(?:米|码|寸|cm|厘米)|(?<!颜)[\p{Han}]{1,2}色|[smlx]{1,3}码?|[大中小]号)(?:的)?(?:会|就)?(?:更|会更)[\p{Han}]{1,3}(?:一些|一点|些|点)]],
          -- reasoning from what the customer said: "您家卧室偏暖色的话,我建议..."
          [[(?:的话|根据您|按您|参考您|按照您|您这(?:个|种)?(?:情况|身高|体重|尺寸|脚型|需求)){NB}{0,16}?(?:选|拿|建议|推荐|适合|合适|穿|用)(?!{NB}{0,2}(?:这|那)(?:一)?款){NB}{0,8}?(?:{CHOICE}|(?<!这|那|一|哪|此|该|同|退|付|货|欠|贷)款)]],
          [[帮(?:您|你)(?:挑|选|参谋|拿主意|看看哪|推荐一下哪|定(?=[:,]|了|吧)|对码|选码|对一下码)]],
          -- a colour named bare: "推荐您白蓝" "我建议黑红,不挑衣服"
          [[(?:建议|推荐)(?:您|你|亲)?(?:选|拿)?[白黑红蓝绿黄灰粉紫棕褐咖金银橙青米杏卡驼藏酒墨]{1,2}(?:色)?(?=[,.!?~]|$|吧|哦|呢|的)]],
          -- advice on an option that is not an item of the shop ("这款" is recommending):
          -- "建议选三人位的" "我建议直接上三门" "建议选礼盒装" "我建议选白蓝"
          [[(?:建议|推荐|个人建议|我会选|要是我|换我|我的话)(?:您|你|亲)?(?:就|还是|直接|最好)?(?:选|选择|挑|拿|定|上|入|买|要)(?!这|那|我们|咱们|店里|一下|下|看|哪|什么|其他|别的|同款|款|购)(?:[0-9.一二两三四五六七八九十大小中偏单双][\p{Han}0-9.]{0,5}|[\p{Han}]{1,4}(?:装|款|版|色|位|门|码|号|米|寸|层|人座)|[白黑红蓝绿黄灰粉紫棕褐咖金银橙青米杏卡驼藏酒墨][\p{Han}]{0,3})]],
          -- one size up or down, a size that fits: "试试大一码" "43.5其实刚好" "L应该也能穿"
          [[(?:试试|选|拿|买|拍|建议|推荐|要)(?:大|小)(?:一|半|一点|点)(?:码|号)|(?:[0-9.]{1,4}(?:码|号)?|[smlx]{1,3}码?)(?:的)?(?:其实|也|就|应该|肯定)?(?:也)?(?:刚好|正好|合适|合脚|够|能穿|可以穿)(?:了)?]],
          [[(?<!帮您|帮你|给您|给你|可以|再)(?:推荐|建议)(?:您|你|亲)?(?!颜色|什么|哪)(?:[\p{Han}]{1,3}色|[0-9.]{1,4}(?:米|码|寸)|[smlx]{1,3}码?|[大中小]号)]],
          [[(?:就选|就拿|就要|就拍|就定)(?:{NC}){0,6}?(?:{CHOICE}|款)(?:的)?(?:吧|哦|啦|就好|就行)]],
          -- a size named bare after the advice: "梨形建议拍M" "按您的身材建议拍XL" "脚窄的话换37会
          -- 更跟脚" (heldout36)
          [[(?:建议|推荐|的话)(?:您|你|亲)?(?:就|直接)?(?:拍|选|拿|穿|换)(?:[smlx]{1,3}|[0-9]{2}(?:\.5)?)(?:码|号)?(?![0-9a-z.])]],
        },
        },
        -- the customer asks which one ("哪个更显白？"), the reply names it and says why: "紫色是
        -- 本季新色，很显白"
        {
          any = {[[^(?:(?:{YOU}|您好|你好)[,.!~]*)?(?:[\p{Han}]{1,2}色|[0-9.]{1,4}(?:米|码|寸)|[smlx]{1,3}码?|[大中小]号)(?:的)?(?:是|会|就)?[^.!?]{0,10}?(?:更|很|最|比较|特别)(?:显白|显瘦|显高|百搭|耐脏|好看|适合|合适|大气|洋气|显气质|舒服|耐用|实用)]]},
          when = {customer = {[[哪(?:个|种|款|一个|一种|一款|个颜色|个色)|还是]]}},
        },
        unless = {[[(?:您|你)(?:自己)?(?:随便|随意)选|(?:自己|随便)(?:挑|选)吧]]},
      },
    },
    {
      id = "two_choice_close", name = "二选其一", kind = "technique", category = "closing",
      source = "000 二选其一",
      quote = "请问您需要第1款还是第2款?",
      explain = "顾客犹豫不决时，给出两个都意味着购买的具体选项，让顾客二选一。",
      family = "close", -- any closing move closes: 促成交易 is one family
      detect = {
        {any = {
          -- a buying verb, then exactly two options joined by 还是, in a question
          [[(?:(?<![主只重总而若需还想])要|需要|拍|选|挑|定|订|买|入|下单|来|发|走|安排|用|拿)(?:个|一个|一件|一张|一双|一套)?(?:是)?(?!还是){OPT}{1,12}+,?还是(?!只是|再|先|考虑|看看|想想|算了|随便|等等|等一下|等会|等下|不|没|别)(?:要|选|拍|定|买|来|发|走|用|申请|送)?{OPT}{1,12}+(?:呢|呀|啊|哈|捏)?(?:亲|亲亲)?(?:\?|$)]],
          -- two variants (colours, sizes, models, carriers) offered as the choice
          [[[^,!?;:还不没别]{0,4}?(?:{VARIANT}|物流|快递|包装|套餐|第[0-9一二三]{1,2}[款个种])(?:的)?还是(?!只是|再|先|考虑|看看|想想|算了|随便|等等|等一下|等会|等下|不|没|别){OPT}{1,12}+(?:呢|呀|啊|哈|捏)?(?:亲|亲亲)?(?:\?|$)]],
          -- two times to buy: "今天拍还是明天拍"
          [[{OPT}{1,8}?(?:{BUY}|发货)还是{OPT}{1,8}?(?:{BUY}|发货)(?:呢|呀|啊|哈)?(?:\?|$)]],
        }},
        -- two gifts to choose from close a sale when haggling ("申请代金券还是送您一个小抱枕");
        -- offered after a complaint they are compensation, not a close
        {
          any = {[[(?:申请|送|给您|帮您)(?:个|一个|一张|一份)?(?!还是){OPT}{1,12}+,?还是(?:给您|帮您)?(?:申请|送)(?:您|你)?{OPT}{1,12}+(?:呢|呀|啊|哈|捏)?(?:亲|亲亲)?(?:\?|$)]]},
          when = {unless_customer = {[[{COMPLAIN}]]}},
        },
        -- (an option is a run of plain characters that cannot hold 还, a comma or a question mark,
        -- so it is matched possessively: the run ends where the next part must start anyway)
        -- three options, or one of them "just looking" / "for someone else" (needs, not a close)
        unless = {[[还是{NC}{1,12}还是]], [[(?:{REMEDY}|退|换){NC}{0,4}还是(?:要)?{NC}{0,2}(?:{REMEDY}|退|换)]], [[(?:自己|自用){NC}{0,4}还是(?:送|给)]], [[(?:{USE}){NC}{0,8}?还是|还是{NC}{0,8}?(?:{USE})]], [[还是(?:只是|再|先)?(?:看看|考虑|想想|算了)]], [[还是不(?:要|买|拍)]]},
      },
    },
    {
      id = "scarcity", name = "怕买不到", kind = "technique", category = "closing",
      source = "000 利用“怕买不到”的心理；002 库存不多",
      quote = "这款床是我们最畅销的,经常脱销",
      explain = "如实告诉顾客库存有限或优惠即将截止，促使犹豫的顾客早点下决定。",
      family = "close", -- any closing move closes: 促成交易 is one family
      detect = {
        any = {
          -- stock is limited, it sells fast, many are asking (002 FAQ: 库存都是有限的)
          [[库存(?:都|也|本来就)?(?:是)?有限|(?:好卖|热卖|畅销)?的?(?:款式|款)?{NC}{0,6}?(?:走|卖)(?:得|的)(?:很|特别|非常|挺)?快|(?:好多|很多|不少)人(?:在)?(?:问|买|抢)]],
          [[(?<!不用担心|不会|不怕|不存在)(?:库存|存货|现货|货源|数量)(?:已经|真的|确实|也)?(?:不多|紧张|有限|告急|很少|没几|快没)]],
          [[(?:只剩|仅剩|就剩|还剩|只剩下|剩下不多|剩的不多|所剩无几|没剩几|剩不多|就只有|只有)(?:最后)?(?:{NUM})?(?:件|个|张|套|双|台|只|条|份)(?:了|啦)?]],
          -- stock named, then "不多了": "库存显示还有,不过不多了"
          [[(?:库存|存货|现货|货|数量|仓库|这批){NC}{0,10}?(?:不多了|不多啦|很少了|没几(?:件|个|张|套|双)了|快(?:要)?(?:没|卖完|卖光|断货|断码)了)|(?:库存|存货|现货|货)(?:[0-9]\.(?=[0-9])|[^.!?]){0,12}?(?:不过|但是|但)(?:也)?(?:不多|很少|有限)]],
          [[最后(?:{NUM})(?:件|个|张|套|双|台|只)|最后一批]],
          [[(?:只剩|仅剩|就剩|只有)(?:这|最后)(?:几|{NUM})(?:件|个|张|套|双|台|只|条|份)|(?:卖完|抢完|售完|卖光)(?:了)?(?:就)?(?:没|没有)(?:了)?|卖一(?:件|个|张|双)少一(?:件|个|张|双)|(?:活动|优惠|折扣)(?:马上|快|就要|即将)(?:就)?(?:要)?(?:结束|截止|恢复)]],
          [[(?:断货|缺货|脱销|卖断|售罄|断码)(?:{NC}){0,4}?(?:频繁|很快|经常|常有|是常事|好几次)]],
          [[只到(?:今天|今晚|明天|本周|这周|月底|周末|[0-9]{1,2}号)|(?:今天|今晚|明天|本周)(?:[0-9]{1,2}点)?(?:就|前)?(?:截止|结束|恢复原价|涨价|涨回去)|过了(?:今天|这个村|这次)?就(?:没有|没)(?:了)?]],
          [[(?:经常|很快|容易|随时|马上|快要?|一直|总是|常常|会|可能|说不定|估计|怕|到时候|到时)(?:就)?(?:会)?(?:脱销|断货|卖断|卖光|抢光|售罄|卖完|没货|缺货|断码)]],
          [[(?:截止|截至)(?:日期|时间|到)?|最后一天|今天结束|今晚结束|活动结束|活动就结束|恢复原价|过了今天|错过(?:就|了)|手慢无|限量|限时|先到先得|下一批要等|下批要等|买不到这种优惠|再等就没]],
          [[(?:好多人|很多人|不少人)(?:都)?在(?:问|看|买|拍|抢)|(?:好多人|很多人|不少人)(?:都)?(?:在)?抢|很抢手|特别抢手|非常抢手]],
        },
        unless = {[[(?:库存|货源|现货)(?:很|非常|比较)?(?:充足|充裕|很多|多的是)|不用担心(?:断货|卖完|没货|缺货)]]},
      },
    },
    {
      id = "urgency", name = "希望快点拿到", kind = "technique", category = "closing",
      source = "000 利用顾客希望快点拿到商品的心理",
      quote = "如果真的喜欢的话就赶紧拍下吧,再晚一点,只有等明天才能下单到生产部了",
      explain = "告诉顾客现在下单就能更早发货、更早用上，晚了要多等。",
      family = "close", -- any closing move closes: 促成交易 is one family
      detect = {
        any = {
          [[(?:今天|现在|马上|尽快|早点|早|及时|当天|今晚|上午|下午|这会儿)(?:就)?(?:{BUY}){NB}{0,12}?(?:今天|当天|马上|立刻|明天|后天|周末|就能|就可以|就会|第一时间|尽快|优先)(?:就)?(?:能|可以|会|给您)?{NB}{0,4}?(?:发货|发出|寄出|发走|发|寄|安排|生产|备货|排产|出库|到货|到|收到|拿到|用上|穿上|睡上|到手|送到)]],
          [[(?:早拍早|早下单早|早付款早|早买早)(?:发|到|收|用|安排|拿)]],
          -- catching today's dispatch or the factory's batch: "现在拍的话还能赶上今天的车"
          [[(?:现在|今天|马上|尽快)(?:就)?(?:{BUY})(?:的话)?{NB}{0,10}?(?:赶上|赶得上|来得及|赶得及|排上|排得上)]],
          [[(?:今天|现在|马上|尽快|早点|早)(?:就)?(?:{BUY}){NB}{0,12}?(?:就能|就可以|就会)(?:给您)?(?:做好|做完|生产好|做出来|排上|安排上)]],
          [[(?:再晚|晚了|晚一点|晚点(?:再)?(?:拍|下|买)|再(?:拍|下|买|订)|明天(?:再|才)?(?:拍|下单|付款)|过了今天|周末|明天是周六|节后|过几天){NB}{0,16}?(?:晚|等|排|慢|才能|要到|推迟|延后|就要)]],
          [[(?:[0-9一二三四五六七八九十两]{1,3}点|中午|下午|今天|晚上)(?:[0-9一二三四五六七八九十两]{1,3}点)?(?:半)?(?:前|之前|以前)(?:{BUY}){NB}{0,10}?(?:当天|今天|马上|就能|就可以)?(?:发|寄|安排)]],
          [[(?:{BUY})(?:后|之后|了)?(?:我|我们|这边)?(?:马上|立刻|第一时间|今天就|当天就|立即)(?:给您|为您|帮您)?(?:安排|发货|发出|下单到|备货|生产)]],
        },
      },
    },
    {
      id = "offer_alternative", name = "巧妙反问", kind = "technique", category = "closing",
      source = "000 巧妙反问,促成订单",
      quote = "不好意思我们没有进货,不过我们有黑色、紫色、蓝色的,在这几种颜色里,您比较喜欢哪一种呢?",
      explain = "顾客要的东西没有时，不要只回“没有”，而是给出替代选择并反问顾客喜欢哪个。",
      applies = {customer = {[[{ASKSTOCK}|^(?!.*(?:{HAGGLE}))(?=.*(?:{ASKFOR}))]]}},
      gate = true,
      detect = {
        -- a request that cannot be met, and another way put to the customer: "专票开不了,不过
        -- 可以开普通电子发票" "刻不了,同系列有一款能免费刻字的" "加钱也没办法插队…不过现货版
        -- 有深空灰" (000: 不好意思我们没有进货,不过我们有黑色、紫色、蓝色的)
        {
          any = {[[(?:{REFUSED})[^?]{0,60}?(?:不过|但是|但|可是|倒是|另外|或者|要是|如果|的话|想要|需要|着急|介意|其实|可以|推荐|您看|要不|建议|我们|我家|店里|隔壁|同系列|还有)[^?]{0,30}?(?:(?<!没)有(?!没)|还有|同系列|看看|看下|考虑|换成|改成|推荐|(?<![漏错])选|拍)(?:{NB}){0,12}?(?:(?<![付退欠尾定贷借存汇打放还])款|系列|型号|(?<!出|排)版|颜色|(?<![特出退褪掉])色|尺寸|尺码|规格|宽度|大号|小号|加大|小包装|套装|装的|现货|[0-9.]+(?:码|米|寸|cm|kg|公斤|斤|ml))]]},
        },
        -- (heldout33, 34) what was asked cannot be done, and another way to get what the customer
        -- wanted is put to them: "刻不了字哈～不过我们有配套的防水姓名贴" "没法直接改，不过可以帮您联系
        -- 快递转寄" "没法单换颜色呢。…店里有单卖的硅胶表带"
        {
          any = {[[(?:{REFUSED})[^?]{0,60}?(?:不过|但是|但(?=\p{Han})|可是|倒是|或者|要不|另外)(?![^?]{0,12}(?:如果|要是|若|的话|质量问题))[^?]{0,40}?(?:(?<!没)有(?!没)|推荐|(?<!不)可以|帮(?:您|你)|给(?:您|你)|发(?:您|你)|换成|改成|单买|单卖|加购|先拍)]]},
          -- a haggler refused and offered a gift is 申请小礼品, not another item
          when = {unless_customer = {[[{HAGGLE}]]}},
        },
        {
          any = {
            [[(?:不过|但是|但|可是|倒是|目前|现在|我们|这边|店里|我家|还有|另外|其实){NB}{1,30}?(?:哪|喜欢|考虑|看看|看下|要不要|怎么样|如何|可以吗|行吗|好吗|合适吗|呢\?|\?)]],
            [[(?:要不要|可以|不妨|要不|建议|推荐)(?:您|你|亲)?(?:先)?(?:看看|看下|考虑|考虑一下|试试|了解一下|换成|换个|选)]],
            [[(?:看看|看下|考虑|选|挑|试试)(?:一下|下)?(?:别的|其他|其它|同款的?其他|类似的?|相近的?|相似的?)|(?:想|要|需要)(?:了解|看看|看一下|看下)(?:一下|下)?(?:吗|嘛|么)|(?:会不会|能不能|可不可以)(?:也)?(?:合适|可以|行|穿|用)]],
          },
          all = {[[{MISSING}]]},
          when = {customer = {[[{ASKSTOCK}]]}},
        },
        -- after the "not there", another option put to the customer as a question: "40码没有
        -- 了,41码可以吗" "1.5米的有现货,您看1.5米的可以吗?" "只有布艺的,…您家有养宠物吗?" (the
        -- question is the evidence, widened back over the "not there" and the option)
        {
          any = {[[\?|(?:可以|行|好|合适|喜欢|要|考虑|看看)(?:吗|嘛|么)$|(?:怎么样|如何|行不行|可不可以|要不要)$]]},
          all = {[[(?:{MISSING})(?:[0-9]\.(?=[0-9])|[^?]){0,40}?(?:有|还有|可以|换|改|选|试|看看|推荐|同款|同系列|类似|相近|其他|其它|别的|另外|另一|[0-9.]{1,4}(?:码|米|寸|cm)|[\p{Han}]色|[smlx]{1,3}码?)]]},
          when = {customer = {[[{ASKSTOCK}]]}},
        },
      },
    },
    {
      id = "call_to_action", name = "促成下单", kind = "technique", category = "closing",
      source = "000 如何促成交易；003 利用告別催付",
      quote = "您如果觉得款式满意,就赶紧拍下吧",
      explain = "顾客有购买意向时，主动邀请顾客现在拍下或付款。",
      family = "close", -- any closing move closes: 促成交易 is one family
      detect = {
        any = {
          -- order early to be sure of it (002 FAQ: 早拍早付款)
          [[早拍早(?:付款|发货|到)|早(?:点)?(?:拍|下单|付款)(?:早|就)?(?:发货|保证|安心|有保证)]],
          [[(?<!别|不要|不用|先别|暂时不|别急着|不急着|不着急|为什么不|为啥不|怎么不|干嘛不|干吗不)(?:放心|赶紧|赶快|尽快|直接|可以|早点|抓紧|先|现在就)(?:先|就|可以|直接|放心)?(?:拍下|拍|下单|付款|(?<!放心)购买|入手|支付|订购|定下来|下手|带走|去拍|付)(?!错|了吗|过|之前|前|后|的|时|了没|没有|下的|下了吗|下了没|下后|下之后|几张|一张|张|照|图|视频|一下|清楚|给我|个视频|个照)]],
          [[(?<!收到|收到您的|已|已经|您的|再|才|货到|按提示|然后|提示|之后|后|一)(?:拍下|下单|付款|支付|入手|拍)(?:吧|哦|哈|呢|啦|就行|就可以|即可|就好)]],
          -- (but "麻烦拍下破损的位置" asks for a photo)
          [[(?:记得|别忘了|麻烦|请)(?:及时)?(?:付款|支付|拍下(?!{NC}{0,12}?(?:照|图|视频|位置|地方|包裹|包装|外箱|面单|标签|批号|破损|划痕|瑕疵|给我|发我|发给))|下单|完成付款)]],
          [[(?:付|支付)(?:一下|下)(?:款)?(?!后|之后|以后)(?:哦|吧|哈|呢|呀|就好|就行)]],
          [[拍(?:下|好|完)?(?:之后|后|以后|了)?(?:我|我们|这边)(?:马上|再|就|来)?(?:给|帮|为)?(?:您|你)?(?:改|备注|修改|调|退差价)]],
          -- "早拍早付款比较有保证" "拍完跟我说一声": inviting the order and what follows it
          [[(?:早点|早|尽早|尽快|抓紧)(?:拍|下单|付款|定)(?:早|下来|吧|哦)?(?:付款|下单)?(?:比较|更)?(?:有保证|放心|稳妥|保险)|(?:拍|下单|付款|拍下)(?:完|好|了)(?:后|之后|以后)?(?:跟|和|告诉|通知|联系)(?:我|我们)(?:说|讲)?(?:一声|一下|下)?]],
          [[(?:喜欢|满意|合适|看中|确定)(?:的话)?(?:就|可以|直接|赶紧)?(?:拍|下单|付款|入手|带走|定下来)]],
          [[(?:我|我们|这边)(?:这边)?(?:马上|立刻|立即)?(?:给您|帮您|为您)(?:下单|安排发货|改好价|备注)]],
        },
        unless = {[[(?:先别|不要|别急着|不用急着)(?:拍|下单|付款)]]},
      },
    },
    {
      id = "value_over_price", name = "强调价值", kind = "technique", category = "sales",
      source = "001 應對討價還價；002 希望价格优惠",
      quote = "要突出產品的品質和帶來的價值",
      explain = "顾客嫌贵时，讲品质、用料、服务和价值，而不是降价。",
      applies = {customer = {[[{HAGGLE}]]}, persona = {"haggler"}},
      detect = {
        -- phrases that are about price by themselves
        {any = {[[一分钱一分货|一分价钱一分货|买的是(?:放心|质量|品质|服务|安心|品牌)|(?:提供|给您)?(?:一种)?价值的服务|价值(?:而不是|不是|比)价格|不是靠低价|不靠低价|贵(?:有贵的道理|在|得有道理)|贵是贵|便宜没好货|贵点(?:但|可)]]}},
        -- value, quality, material or service where price is the subject of the reply
        {
          any = {[[{VALUE}]]},
          all = {[[(?<![性评代单物身])价(?!值)|贵|便宜|钱(?!包)|优惠|打折|折扣|(?<!价)值(?:得|这个价|这钱)]]},
        },
        -- or where the customer was haggling
        {any = {[[{VALUE}|{MATERIAL}]]}, when = {customer = {[[{HAGGLE}]]}}},
        {any = {[[{VALUE}|{MATERIAL}]]}, when = {persona = {"haggler"}}},
      },
    },
    {
      id = "price_policy", name = "统一定价", kind = "technique", category = "sales",
      source = "001 應對討價還價 一口價就是最低價；002 售价是公司出台规定的",
      quote = "售价是公司出台规定的,我们客服是没有权利议价的,希望理解哈!",
      explain = "礼貌地说明价格是公司统一定的、已经是最低价，客服没有改价的权限。",
      applies = {customer = {[[{HAGGLE}]]}, persona = {"haggler"}},
      detect = {
        any = {
          -- the company prices with care (002 FAQ: 公司一定有计划、合理定价的)
          [[(?:合理|统一|科学|认真|有计划)(?:的)?定价|定价(?:都是|是|很|非常)?(?:合理|统一|有依据)|(?:不是|并非)随意(?:轻易)?定价]],
          -- value, not price (002 FAQ: 倡导为顾客提供价值的,而不是价格)
          [[(?:提供|讲|看)?价值{NC}{0,6}?而不是(?:价格|低价)|不是(?:价格|低价){NC}{0,4}?而是(?:价值|品质|服务)]],
          [[(?:价格|售价|定价|价钱|价|标价)(?:都)?(?:是|都是|由)?(?:公司|总部|厂家|品牌|官方|商城|平台){NC}{0,8}?(?:统一)?(?:定|规定|制定|出台|设定|核定|决定|给)]],
          [[(?:公司|总部|官方|品牌)(?:统一)?(?:定价|定的价|规定的价|出台的价|的规定)]],
          [[(?:没有|没|无)(?:改价|议价|优惠|打折|调价|改价格|降价)(?:的)?(?:权限|权利|权力)]],
          [[(?:一口价|统一价|统一定价|全国统一|全网统一|明码标价|实价|最低价|最优惠的价格|最低的价格|底价|已经是最低|已经很低|已经是活动价|已经是优惠价|已经是折扣价|已经比线下|比线下(?:便宜|低|实惠)|比实体店(?:便宜|低)|比专卖店(?:便宜|低)|不议价|不讲价|不还价|改不了价|没法改价|改不了价格|不能改价|价格(?:是)?统一的)]],
          [[最低(?:价|就|只能|也要|要|是|就是)?(?:[0-9]{2,6}|[一二三四五六七八九][千百])]],
          -- "价格都是老板定死的" "包邮是系统设置的我改不了" "价格全店都是统一的" "做不了主"
          [[(?:价格|价钱|价|售价|活动价|优惠|包邮|运费|门槛|满减|折扣)(?:都|也|全)?(?:是)?(?:老板|系统|公司|后台|平台|店长|上面)(?:统一)?(?:定|设|设置|设定|规定)(?:死|好)?的|(?:价格|价钱|价|售价)(?:全店|全网|全部|都|也|全)*(?:是)?统一的|(?:价格|价|包邮|优惠|折扣|运费)(?:的话|这块|方面|上)?(?:我|我们|客服)?(?:确实|真的|实在)?做不了主|(?:我|客服)(?:真的|确实|实在)?(?:没|没有)(?:这个)?(?:改价|优惠|打折|议价)?权限|(?:都|是|都是)明码标价|(?:系统|后台)(?:是)?(?:按|自动)?{NC}{0,8}?(?:设置|设定|定)(?:的|好的)(?:,)?(?:我|我们|这边)?(?:改不了|动不了|没法改)]],
          [[(?:价格|价)(?:已经)?(?:很|非常|算|够|挺)?(?:公道|实在|良心|合理|厚道|透明)|(?:已经|真的|确实)(?:是)?(?:实在价|实价|最低价|最低|底价|最优惠)|(?:价格|价钱|售价|这个价)(?:真的|确实|已经|都)?(?:是)?(?:最低|最优惠|最实惠|底价)(?:了|的)]],
          [[(?:价格|价钱|售价|价)(?:上)?(?:我|我们|这边|我这边|客服){0,2}(?:确实|真的|实在|是)?(?:改不了|降不了|动不了|调不了|没法改|没法降|不能改|不能降|没办法改|没办法降|没有办法改)]],
        },
        unless = {[[爱买不买|随便你|嫌贵(?:就)?别|买不起]]},
      },
    },
    {
      id = "praise_customer", name = "赞美顾客", kind = "technique", category = "attitude",
      source = "002 三明治策略 先赞美顾客优点",
      quote = "感觉您还是很识货呀",
      explain = "真诚地称赞顾客的眼光和判断，拉近距离。",
      detect = {
        any = {
          [[(?:您|你|亲)(?:也|可|还)?(?:真|真的|很|太|可真|挺|非常|特别|是|还是很|确实|真是)?(?:有眼光|识货|懂行|内行|专业|细心|会挑|会买|会选|有品味|有品位|品味(?:真|很)?好|品位(?:真|很)?好|眼光(?:真|很|太|挺)?(?:好|独到|不错|准|毒)|审美(?:真|很|挺)?(?:好|不错|在线|高)|有见识|讲究|厉害|懂得多|了解得(?:真|很|挺)?(?:多|清楚|透彻))]],
          [[(?:您|你|亲)(?:真|真的|可真|还真|确实)?是(?:个|一个|一位)?(?:很|非常|特别)?(?:细心|识货|有眼光|懂行|内行|讲究|会挑|会买|会过日子|有品味|爽快|痛快|专业)的(?:人|顾客|买家|客人)]],
          [[一看(?:您|你|亲)?就(?:是|知道)(?:个|一位)?(?:懂行|行家|内行|识货|专业|老手|会过日子|会买|会挑|有品味|讲究)|(?:看|问|想|考虑)得(?:真|很|挺|好|非常)(?:仔细|细|专业|到位|周到|全面)]],
          [[(?:好|有|独到的|毒辣的)眼光|审美不错|眼光独到|眼光真好|眼光不错|真识货|很识货|(?:看得出|看出来|一看就知道)(?:您|你|亲)(?:很|挺|是|是个|也是)?(?:懂|会|有|专业|内行|识货|行家|讲究)]],
          [[(?:您|你|亲)(?:选|挑|看中)的(?:这款|这个|这张|这双)?(?:是|可是|正是|真是)?{NC}{0,8}?(?:最|很|非常|特别)(?:受欢迎|好看|棒|经典|热门|畅销|好卖)]],
          -- the customer's care or judgement praised in everyday words: "您真孝顺" "给爸爸挑鞋真贴心"
          -- "您观察得真仔细" "亲好懂行呀" "您货比三家很精明" "眼光也好" "预算定得很合理"
          [[(?<!不|我们|包装)(?:真|好|很|太|特别|非常|可)(?:孝顺|贴心|有心(?!意)|细心|懂行|精明|浪漫|会过日子|有品味|内行)|(?:观察|对比|比较|考虑|研究|了解)得(?:真|很|好|太|挺|非常|特别)(?:细|仔细|细致|周到|透彻|清楚|专业|到位)|眼光(?:也|真|很|太|挺)?(?:好|不错|绝了|独到|毒)|(?:定|选|挑)得(?:很|真|挺|非常)?(?:合理|准|好|对)]],
        },
        unless = {[[(?:都|也)不懂|都不知道|不会用|没看清]]},
      },
    },
    {
      id = "small_gift", name = "申请小礼品", kind = "technique", category = "sales",
      source = "002 希望价格优惠 帮您申请一个小礼品",
      quote = "我帮您申请一个小礼品送给您吧?其他人可是没有这样机会的",
      explain = "顾客一再砍价时，不降价，而是帮顾客申请一个小礼品或代金券，让顾客感到被特别照顾。",
      -- only where the customer asked for something extra (a gift, free shipping, a coupon):
      -- a customer who bought without asking never called for one
      applies = {customer = {[[{GIFT}|送(?:点|个|些|一)|赠|包邮|免邮|运费|邮费|抹零|零头]]}},
      detect = {
        {any = {
          [[(?:申请|争取|(?:给|帮|为)(?:您|你|亲)(?:准备|留|备|送|申请|争取|多配|配|多送|加送)|(?:送|赠送|赠|附送|多送|加送|额外送|再送)(?:给)?(?:您|你|亲)|(?:多|再|额外|另外)(?:送|赠)){NC}{0,14}?(?:{GIFT})]],
          [[(?:{GIFT})(?:我|我们)?(?:帮|给)(?:您|你)(?:申请|争取|送|备注|留)]],
          -- applied for and given, whatever the item: "跟主管申请一个床头收纳盒送给您"
          [[(?:申请|争取)(?:了)?{NC}{0,12}?(?:送给|送|赠送|赠)(?:给)?(?:您|你|亲)]],
          [[申请{NC}{0,4}?(?:送|赠)(?:您|你)?(?:一|两)?(?:套|个|份|对|张|双|条|件|只|瓶)|(?:送|赠)(?:您|你)(?:一|两)(?:套|个|份|对|张|双|条|件|只|瓶)]],
        }},
        -- applying for a small item for a customer who haggles, whatever the item ("帮您申请一个
        -- 床头靠枕"; a refund or a repair applied for is a remedy, not a gift)
        {
          any = {[[(?:帮|给|为|替)(?:您|你)(?:跟{NC}{1,4}?)?(?:申请|争取)(?:一个|一份|一张|一双|一对|一条|一只|个|份|张|双|对|条|只)(?!退|换|补|维修|赔|优惠价|折扣|降价)[\p{Han}]{1,6}]]},
          when = {customer = {[[{HAGGLE}]]}},
        },
        {
          any = {[[(?:帮|给|为|替)(?:您|你)(?:跟{NC}{1,4}?)?(?:申请|争取)(?:一个|一份|一张|一双|一对|一条|一只|个|份|张|双|对|条|只)(?!退|换|补|维修|赔|优惠价|折扣|降价)[\p{Han}]{1,6}]]},
          when = {persona = {"haggler"}},
        },
        unless = {[[(?:一般|才会|只有|节假日|活动){NC}{0,8}?(?:才|才会)(?:有|送)(?:礼品|礼物|赠品)|(?:没有|不送|没)(?:礼品|礼物|赠品|券)|(?:不能|没法|没办法)(?:送|申请)]]},
      },
    },
    {
      id = "authenticity_proof", name = "正品证据", kind = "technique", category = "sales",
      source = "002 关心品质",
      quote = "我家某某店铺是以公司名义开设的,工商有备案,销售产品均为本公司自有品牌",
      explain = "顾客怀疑真假时，拿出证据（公司开的店、工商备案、自有品牌、发票、假一罚十、老顾客数量），而不是只说“是正品”。",
      applies = {customer = {[[{DOUBT}]]}, persona = {"authenticity_skeptic"}},
      detect = {
        -- evidence: who runs the store, registration, own brand, guarantees, customer count
        -- (a shop's name in a greeting is none: "XX旗舰店，竭诚为您服务")
        {
          any = {
            [[公司(?:名义)?(?:开设|开的|自营|直营|经营)|以公司名义|官方(?:旗舰店|授权|认证|自营|直营|评估|验证|批准)(?!的?客服)|旗舰店(?!的?客服|的?小[\p{Han}]|[,.!~]?(?:竭诚|很高兴|真诚|随时)?(?:为|给)(?:您|你)(?:服务|效劳)(?!的))|品牌直营|直营店|专卖店同款|工商(?:局)?(?:有)?(?:备案|注册|登记)|营业执照|自有品牌|自主品牌|品牌授权|授权书|授权经销|工厂(?:自营|直销|直供)]],
            [[(?:去|到|拿去|可以)?专柜验|鉴定中心|(?:没|没有)(?:收到|接到|接收到)(?:过)?{NC}{0,6}?投诉|天猫(?:官方)?(?:认证|验证|批准)]],
          [[假一(?:罚|赔)(?:十|三|[0-9]{1,3})|支持(?:专柜)?验货|专柜验货|(?:随便|放心|欢迎)验|防伪(?:码|标|标签|查询|验证)|质检报告|检测报告|检验报告|鉴定证书|合格证|溯源|可以鉴定|支持鉴定]],
          },
          unless = {[[欢迎(?:光临|来到|进入|您来到){NC}{0,14}?(?:旗舰店|直营店|专卖店)]]},
        },
        -- the supply chain and the number of buyers are evidence where genuineness is in
        -- question: "正规渠道进货" "厂家直发" "几万条评价都是真实买家写的" (to a rival asking where
        -- the goods come from, or to "how is the quality", they answer no doubt)
        {
          any = {[[厂家直(?:销|供|发)|正规渠道|(?:厂家|工厂|品牌方)(?:直接)?(?:发货|供货|出货)|(?:卖出|售出|累计|卖了|销量|服务过)(?:了)?{NC}{0,4}?(?:[0-9]{1,4}|[一二两三四五六七八九十几]{1,3})(?:多)?万|(?:[0-9]{1,4}|几|好几|一|上|十几|几十)万(?:多)?(?:名|个|位|件)?(?:条|笔)?(?:的)?(?:老|真实)?(?:顾客|买家|客户|销量|好评|商品|订单|单|评价|评论|买家秀)]]},
          when = {customer = {[[{DOUBT}]]}},
        },
        {
          any = {[[厂家直(?:销|供|发)|正规渠道|(?:厂家|工厂|品牌方)(?:直接)?(?:发货|供货|出货)|(?:卖出|售出|累计|卖了|销量|服务过)(?:了)?{NC}{0,4}?(?:[0-9]{1,4}|[一二两三四五六七八九十几]{1,3})(?:多)?万|(?:[0-9]{1,4}|几|好几|一|上|十几|几十)万(?:多)?(?:名|个|位|件)?(?:条|笔)?(?:的)?(?:老|真实)?(?:顾客|买家|客户|销量|好评|商品|订单|单|评价|评论|买家秀)]]},
          when = {persona = {"authenticity_skeptic"}},
        },
        -- an invoice is evidence where genuineness is in question
        {
          any = {
            [[(?:可以|能|提供|开具|开|附|带|随货|支持|有){NB}{0,6}?(?:正规|正式|专柜|增值税)?发票]],
          },
          when = {customer = {[[{DOUBT}]]}},
        },
        {
          any = {
            [[(?:可以|能|提供|开具|开|附|带|随货|支持|有){NB}{0,6}?(?:正规|正式|专柜|增值税)?发票]],
          },
          when = {persona = {"authenticity_skeptic"}},
        },
        {
          any = {
            [[(?:可以|能|提供|开具|开|附|带|随货|支持|有){NB}{0,6}?(?:正规|正式|专柜|增值税)?发票]],
          },
          all = {[[正品|真货|假|正规|专柜|担心|顾虑|放心|保证|验货]]},
        },
      },
    },
    {
      id = "apology", name = "诚恳致歉", kind = "technique", category = "aftersale",
      source = "000 客户售后 诚恳、致歉；002 投诉",
      quote = "诚恳、致歉、关心、主动拿出我们的诚意;多几个对不起,歉意",
      explain = "顾客遇到问题时，先真诚地说对不起，多几句歉意。",
      applies = {customer = {[[{COMPLAIN}]]}, persona = {"angry_complainant"}},
      detect = {
        any = {
          [[(?:非常|真的|实在|十分|深表|万分|真心|很|太)?(?:抱歉|对不起|sorry|歉意|致歉|道歉|过意不去|道(?:个|声)歉|说(?:声|句)对不起)|给(?:您|你)(?:添|带来)(?:了)?(?:麻烦|不便|困扰)|让(?:您|你)(?:久等|受累|费心|担心)了]],
          -- 不好意思 for what the customer suffers or does not get; not "excuse me"
          [[(?:非常|真的|实在|十分|太)?不好意思(?!问|打扰|请问|麻烦您|麻烦你|插|多问|再问|确认)]],
        },
        unless = {[[(?:不用|不必|无需|没必要|别)(?:跟我|和我|向我)?(?:说)?(?:抱歉|对不起|道歉)|(?:抱歉|对不起|道歉)(?:有什么用|有用吗|没用)]]},
      },
    },
    {
      id = "empathy", name = "安抚共情", kind = "technique", category = "aftersale",
      source = "000 第一时间安抚好客户；002 先压压对方火气",
      quote = "我们需要第一时间安抚好客户",
      explain = "先体谅顾客的心情，安抚情绪，再处理问题。",
      applies = {customer = {[[{COMPLAIN}]]}, persona = {"angry_complainant"}},
      detect = {
        any = {
          -- sharing the customer's regret (001: 东西出现问题这边也感到非常遗憾)
          [[(?:感到|觉得|深感|非常|很|十分)(?:非常|很|十分)?遗憾]],
          [[(?<!希望|请|还请|望|麻烦|请您|也请|希望您能|希望能|您要|你要|要|多|互相|相互|不)(?:我|我们|非常|完全|特别|很|真的|十分|都|能|可以|也)?(?:能|可以|非常|完全|特别|很|都)?(?:理解|明白|体谅|懂|感受到|体会|体会到)(?:您|你)(?:的)?(?:心情|感受|着急|心急|不满|难受|生气|焦急|担心|顾虑|不开心|急切|处境|失望|郁闷|烦恼|委屈)?]],
          [[(?:心情|感受|着急|心急|担心|顾虑|失望|生气)(?:我|我们)?(?:都|完全|非常|特别|真的)?(?:能|可以)?(?:理解|明白|体会|感同身受)]],
          [[(?:谁|任何人|大家|换谁)(?:遇到|碰到|收到|摊上)?{NC}{0,6}?(?:都|也)(?:会)?(?:很|特别|非常)?(?:着急|生气|不开心|难受|郁闷|不高兴|心急|烦|恼火|失望|窝火|不爽|火大|崩溃)]],
          [[换(?:做|成|了)?(?:谁|是我|我|任何人)(?:遇到|碰到|收到)?(?:这种|这样的)?(?:情况|事情|问题)?{NC}{0,10}?(?:都|也)(?:会)?(?:很|特别|非常)?(?:着急|生气|不开心|难受|郁闷|不高兴|心急|烦|恼火|失望|窝火|不爽|火大|崩溃)]],
          [[(?:您|你|亲)?(?:先)?(?:别|不要|莫|甭|不用|无需|不必)(?:太)?(?:着急|生气|急|担心|上火|心急|难过|焦虑|气|激动)(?!着(?:拍|下单|付款)|买|拍|下单)]],
          [[(?:很多|不少|好多|大部分)(?:顾客|买家|人|朋友|客人){NC}{0,6}?(?:也|都)(?:有|会有|会)(?:这个|这样的|这种|类似的)?(?:顾虑|担心|疑问|想法|担忧|疑虑)]],
          -- acknowledging the feeling first: "理解理解,学生党钱都不多" "理解的亲,谁都想买得实惠"
          -- "这个我能理解,您不信也很正常" (but "希望理解" asks, "这个问题我理解了" only hears)
          [[^(?:理解|明白|懂|懂的|能理解)(?:的|理解|明白|哈|呢|哦|呀)?(?:亲|亲亲)?(?:[,.!~]|$)|(?:我|我们)(?:都|也|完全|非常|特别)?(?:能|可以)理解(?!了)|(?:谁|任何人|大家|换谁|每个人)(?:都|也)(?:想|希望|会想|喜欢|不想|不希望)|(?:您|你)(?:会|有)?(?:这样的?|这种|这个)?(?:担心|顾虑|疑虑|不信|怀疑|着急|生气|不满|想法|心情){NC}{0,4}?(?:也)?(?:很|挺|是)?(?:正常|可以理解|人之常情)]],
          -- naming the feeling: "太闹心了" "过敏真的很难受" "漏水肯定很烦" "没烫着您吧"
          [[(?<!不|没|别|不用|不要|无需|不必|先别)(?:太|真|真的|确实|肯定|一定|特别|好|实在)(?:是)?(?:很|太)?(?:着急|闹心|难受|糟心|烦人|烦|影响心情|耽误事|让人生气|让人着急|窝火|扫兴|委屈|心塞|崩溃)(?:了|啊|吧|的)?(?=[,.!?~]|$|\p{So})|心疼(?:您|你)|换谁都(?:一样|会)|没(?:伤|烫|划|碰|扎|割)(?:着|到|伤|破)(?:您|你)?(?:的)?(?:手|脚|脸|皮肤|孩子|宝宝)?吧|(?:您|你)?(?:肯定|一定)(?:很|特别|挺)?(?:着急|生气|失望|难受)(?:吧|了吧|了)?(?=[,.!?~]|$)]],
          -- the doubt acknowledged as natural, with or without a 您: "有疑虑很正常的"
          [[(?:有|会有)(?:这样的?|这种|这个|这些)?(?:担心|顾虑|疑虑|疑问|怀疑)(?:{NC}){0,2}?(?:也)?(?:很|挺|是)(?:正常|可以理解)]],
          [[消消气|息怒|辛苦(?:您|你)了|委屈(?:您|你)了|感同身受|站在您的角度|将心比心|让(?:您|你)(?:受|感到)?(?:委屈|失望|不愉快|难过|不舒服|闹心)了]],
          -- the customer's feeling named as theirs, in everyday words: "狗狗拉肚子主人肯定特别心疼"
          -- "宝宝没事吧?" "吓坏了吧" "确实让人不放心" "学生党赚钱不容易,理解的" "您别自责" "怕买到
          -- 假货很正常" (000: 第一时间安抚好客户)
          [[(?<!不|没|别|不用|不要|无需|不必|先别|会|让)(?:肯定|一定|应该|真的|确实|是挺|挺|太|特别|好)(?:是)?(?:很|特别|挺|都|会)?(?:担心|心疼|揪心|急坏|吓坏|不放心|头疼|辛苦|折腾|遭罪|无奈|吓人|危险|可惜|心慌|闹心|糟心|扫兴|麻烦)(?:坏)?(?:了)?(?:吧|啊|呀|的)?(?=[,.!?~]|$|\p{So})|(?:人|孩子|宝宝|狗狗|猫咪|小猫|小狗|猫|狗|老人|您)(?:现在)?(?:没事|还好|没伤着|没受伤)(?:吧|吗|嘛)|吓坏了吧|受惊了|受罪了|(?<!不|别)心疼(?!不)|抱抱|(?:别|不要|不用)(?:太)?自责|谁都有(?:手滑|疏忽|看错|忘|不小心)|(?<!希望|请|望|您|你|还请|敬请|多多|的|感谢|谢谢)理解(?:的|理解)?(?:亲|哈|呢|哦|啦)?(?=[,.!~]|$)|我懂(?:的)?(?=[,.!~]|$|哈)|懂的懂的|怕\p{Han}{1,8}?(?:很|挺|也|是)?正常|(?:您的|你的)(?:质疑|想法|顾虑|心情|感受)(?:我|我们)?(?:很|都|完全|非常)?(?:理解|明白|正常)]],
        },
        unless = {[[(?:着急|生气)(?:也)?没(?:用|办法)|急(?:也)?没用]]},
      },
    },
    {
      id = "reassure", name = "承诺负责", kind = "technique", category = "aftersale",
      source = "000 客户售后",
      quote = "请放心,我们有专门的售后部门,一定给您处理满意为止。",
      explain = "明确告诉顾客店铺会负责到底，直到顾客满意。",
      detect = {
        {any = {
          -- watching over it until the customer has it: "我会一直盯到您签收为止"
          [[(?:一直|全程|会)?(?:帮您|给您|替您)?(?:盯|跟|跟进|跟踪|守|看)(?:着)?(?:到|直到)(?:您|你)(?:的)?{NC}{0,4}?(?:签收|收到|拿到|解决|满意|处理好|到货)(?:为止)?]],
          -- a commitment in the agent's own words: "我会帮您盯着的" "我一定帮您查清楚" "绝不推诿"
          -- "今天内一定给您答复" "每天给您同步进度"
          [[(?:我|我们|这边)(?:会|来)?(?:帮您|给您|替您|为您)(?:盯着|跟着|跟进|看着)|绝不(?:推诿|推脱|推卸|敷衍)|(?:一定|肯定|保证)(?:会)?(?:帮您|给您|为您)(?:查清楚|弄清楚|问清楚|解决|弥补|答复|答覆|一个(?:说法|交代|答复|满意的))|(?:一定|肯定)(?:会)?(?:尽力|尽全力)(?:帮您|给您|为您)?(?:解决|处理)|每天(?:给您|跟您|向您)(?:同步|更新|汇报|反馈)|(?:一定|肯定)(?:会)?弥补(?:您的)?|尽量给您一个满意]],
          [[(?:一定|肯定|保证|必定|绝对|会)(?:会)?(?:认真|好好|尽快|用心)?(?:给您|为您|帮您|给你|帮你)?(?:处理|解决|负责|跟进|跟踪|办|落实|弄)(?:好|到底|妥|妥当|清楚|满意|完)|(?:一定|肯定|保证|必定|绝对)(?:会)?(?:得到|给您|帮您)?(?:妥善|圆满|满意)?(?:的)?(?:解决|处理)(?!不了)]],
          -- keeping watch over it for the customer: "我会帮您一直盯着物流" "也会一直帮您盯着"
          [[(?:一直|全程|持续|时刻|每天|随时)(?:帮您|给您|为您|替您)?(?:盯着|跟着|跟进|跟踪|关注|留意|看着)|(?:帮您|给您|为您|替您)(?:一直|全程|持续|时刻|每天)(?:盯着|跟着|跟进|跟踪|关注|留意|看着)|(?:不会|绝不会|决不会|肯定不会)(?:丢下|撒手|放着)?(?:您|你|这事|这件事)?(?:不管|不理|不处理)]],
          [[(?:负责到底|跟进到底|处理到底|跟到底|管到底|满意为止|满意的答(?:复|覆)|满意的处理|满意的结果|满意的解决|给您一个(?:满意的)?(?:交代|说法|答复|答覆|结果))]],
          [[(?:请|您|你|亲)?放心(?:吧)?[,!]?(?:我|我们|这边|小店|店铺)(?:会|一定|有|肯定|绝对|马上)(?:{NB}{0,10}?)(?:处理|解决|负责|跟进|售后|给您|帮您)]],
          [[(?:这件事|这个问题|这事)(?:我|我们)?(?:会)?(?:一直)?(?:负责|跟进|盯着|跟踪)]],
          -- (heldout33, 34) the case taken on in the agent's own words: "这事我来负责" "我现在就接手"
          -- "现在我专门跟您这单" "不让您多花一分钱"
          [[(?:这事|这件事|这个)?我来负责|(?:我)?(?:现在)?(?:就)?(?:专门|亲自)?接手(?!的)|(?:我)?(?:专门|亲自)跟(?:您|你)(?:这单|这个订单|这件事)|不让(?:您|你)(?:多花|吃亏|白跑|白等|再跑|操心)]],
          [[交给我(?:吧|们|来)?(?=[,.!]|$|我)|包在我身上|(?:跟|处理|解决|负责)到(?:您|你)?满意|直到(?:您|你)满意|(?:一定|保证|肯定)(?:会)?给(?:您|你)(?:一个)?(?:答复|回复|交代|说法|结果)]],
          [[(?:保证|一定|肯定|会)(?:会)?(?:全程|一直|持续|亲自)(?:跟进|负责|盯着|跟踪|处理)|(?:每天|随时|及时|第一时间)(?:跟您|给您|向您|和您)?(?:同步|更新|汇报|反馈|通知)(?:您)?(?:进度|进展|结果|处理结果)|(?:不会|绝不会|决不会|肯定不会)(?:让|叫)(?:您|你)(?:白|吃亏|失望|受损失|多花|多跑)]],
        }},
        -- after a complaint or a worry about an order, keeping the customer told and answering
        -- for it in person (not "上新第一时间通知您", which is news of the shop)
        {
          any = {
            -- keeping the customer told without being asked (000: 一定给您处理满意为止): "有结果第一
            -- 时间告诉您" "处理完我再来告诉您" "每一步进展我都主动告诉您" "今天之内给您一个明确方案"
            [[(?:有|一有)(?:任何)?(?:结果|进展|消息|更新|动静|回复|反馈)(?:了)?(?:我)?(?:会|就|都会)?(?:第一时间|马上|立刻|随时|及时)?(?:告诉|通知|联系|回复|发给|同步给|反馈给)(?:您|你)|第一时间(?:告诉|通知|发(?:给|个)?|回复|联系|同步给?)(?:您|你)|(?:处理完|办好|弄好|查清楚|有结果)(?:了)?(?:我)?(?:会|就)?(?:再|马上)?(?:来)?(?:告诉|通知|联系|回复)(?:您|你)|(?:每一步|每个进展|每一步进展|每个环节|进展|进度)(?:我)?(?:都)?(?:会)?(?:主动|及时|随时)(?:告诉|通知|同步|汇报)(?:给)?(?:您|你)?|(?:每一步|每个环节)(?:我)?都(?:会)?(?:跟|和|向)(?:您|你)(?:确认|同步|汇报)]],
            -- answering for it in person: "这次由我本人负责跟进" "我亲自跟财务对接" "我这边盯着"
            -- "这件事我会一直负责" "今天之内给您一个明确方案" "您监督我"
            [[由我(?:本人|亲自)?(?:来)?(?:负责|跟进|处理|盯)|我(?:本人|亲自)(?:来)?(?:负责|跟进|对接|处理|盯|去)|(?:我|我这边)(?:会)?(?:一直|帮您)?盯着(?:呢|的|哈)?(?=[,.!?~]|$)|(?:我|这件事我|这事我)(?:会)?(?:一直|全程)(?:负责|跟进|跟着)|(?:今天|今天之内|今晚|明天|[0-9一二两三]{1,2}(?:个)?小时(?:内|之内))(?:之内|以内)?(?:一定|肯定|就|会)?给(?:您|你)(?:一个)?(?:明确|满意|确切)?(?:的)?(?:方案|答复|结果|说法|交代|回复)|(?:您|你)(?:来)?监督我|不会让(?:您|你)(?:来回|再|白)(?:找|跑|等|催)]],
          },
          when = {customer = {[[{COMPLAIN}|{PROBLEM}|{CLAIM}|催|还没|怎么还|多久|什么时候|进度|处理|解决|怎么办|推卸|不理|没人|说说而已|骗|等|补发|消息]]}},
          unless = {[[上新|新品|活动|优惠|到货|补货|收藏|关注]]},
        },
        unless = {[[(?:不会|不能|没法|无法)(?:给您|帮您)?(?:处理|解决|负责)]]},
      },
    },
    {
      id = "evidence_request", name = "请求凭证", kind = "technique", category = "aftersale",
      source = "000 常见售后问题 请客户拍下外包装；001 要求提供实物照片",
      quote = "并要求客户拍上出问题的照片",
      explain = "处理售后问题时，请顾客拍下外包装和问题部位的照片，方便核实和处理。",
      detect = {
        any = {
          [[(?<!我|我们|我给您|我帮您|这边|实|抓|可以|也可以)(?:拍|照|发|提供|上传|传)(?:一下|下|一张|几张|个|张)?[^.!?我]{0,14}?(?:照片|相片|图片|视频|实拍|图|凭证)(?!仅供参考|有色差|给(?:您|你|亲)|过去)]],
          -- asked to photograph something and send it: "麻烦您拍一下收到的所有包裹和外包装发给我"
          [[(?:麻烦|请|辛苦|方便)(?:您|你|亲)?(?:帮忙|帮我|帮我们)?(?:拍|照)(?:一下|个|张|几张|一张)(?!单|链接)|(?:拍|照)(?:一下|下|个|张|几张){NB}{0,20}?(?:发给我|发我|发过来|传给我)]],
          [[把{NC}{1,14}?(?:拍|照)(?:一下|下|张|个|给我|过来|发|清楚)]],
          [[(?<!实)(?:拍|拍摄|照)(?:一下|下|个|张|几张)(?:{NC}){0,8}?(?:位置|地方|部位|处|细节|情况|样子|外观|照片|图)]],
          [[(?:拍|拍摄|照)(?:一下|下|一张|几张|个|张)?(?:外包装|包装|破损|损坏|坏了?的地方|问题(?:部位|的地方|处)|缺少的|少的|快递单|面单|细节|标签|吊牌)]],
          [[(?:麻烦|请|辛苦|方便)(?:您|你|亲)?(?:帮忙|帮我|帮我们)?(?:发|提供|上传){NB}{0,6}?(?:照片|图|视频|凭证)]],
          -- "还不行拍个照给我看看" "拍个影片给我" "麻烦拍下收到的衣服和吊牌" "拍给我看看"
          [[(?<!我|我们|这边)拍(?:个|张|一下|下)?(?:照|照片|影片|视频|近照|图)?(?:给我|发我|给我们)(?:看看|看一下|瞧瞧|哈|哦|呢|吧)|(?:的话|不行|麻烦|辛苦|可以)(?:您|你|亲)?拍(?:个|张|一下|下)?(?:照|照片|影片|视频|近照|图)?(?:给我|发我|给我们)|(?:麻烦|请|辛苦|方便)(?:您|你|亲)?(?:先)?拍(?:一)?下(?!单)|(?:麻烦|请|辛苦)(?:您|你|亲)?(?:先)?拍(?:个|张)(?:近照|照|照片|图)]],
          -- the customer asked to photograph, film or screenshot it and send it over, in any words:
          -- "拍个照给我" "拍下茶饼表面给我看看" "截个图给我" "录一段声音视频发我" "麻烦发我一下订单号和
          -- 收到的商品照片" (001: 要求提供实物照片)
          [[(?<!我|我们|这边|给您|帮您|给你|帮你|不用|无需|不需要|不必|别)(?:拍|截|录|照)(?:一下|下|个|张|几张|一张|一段|段|了)?(?:{NC}){0,12}?(?:发|给|传)(?:我|给我|过来|我们|给我们)(?!们的)|(?<!我|我们|这边|给您|帮您|你|您)截(?:个|一下|下|张|一张)(?:图|屏)|(?:麻烦|请|方便|辛苦|可以)(?:您|你|亲)?(?:把)?(?:发|提供|上传)(?:我|给我)?(?:一下|下)?(?:{NC}){0,14}?(?:照片|图片|视频|截图|实拍)]],
        },
        -- proof demanded of the customer is interrogation, not a request for evidence to help
        unless = {[[帮(?:您|你)(?:参考|搭配|挑|选|推荐)]], [[(?:截图|照片|证据|聊天记录|视频)(?:呢|有吗|有没有)|有(?:没有)?(?:截图|照片|聊天记录|证据)(?:吗|嘛|么)?\?|(?:您|你)(?:倒是)?(?:先)?(?:截图|拍照|录音|录个音)(?:了吗|出来|发来)|截图发来|拿出来|凭什么|(?:怎么|如何)证明|不然我怎么知道|(?:您|你)确定|说清楚|你(?:截图|截个图|拍)(?:{NC}){0,8}?给我看|(?:哪家|谁说的|谁答应的|什么时候说|哪个客服|怎么没看到|去过)\?]], [[拍下(?:后|以后|之后|付款)]], [[我(?:这边|这里)?(?:先)?(?:给|帮)?(?:您|你)?(?:发|传)(?:几|一|两)?(?:张|个|段)?(?:实拍)?(?:图|照片|视频)]]},
      },
    },
    {
      id = "concrete_solution", name = "给出方案", kind = "technique", category = "aftersale",
      source = "000 常见售后问题及处理方案；001 售后內容及職責",
      quote = "可以派师傅上门为客户处理好的",
      explain = "给出具体的补救办法：上门维修、补发配件、换货、退款或补运费，让顾客选。",
      applies = {customer = {[[{COMPLAIN}]]}, persona = {"angry_complainant"}},
      detect = {
        {any = {
          [[(?:安排|派|请|约)(?:当地|专业|附近|售后)?(?:的)?(?:师傅|维修|售后|安装)?(?:师傅)?(?:上门|来维修|来修|来处理|免费维修|维修)]],
          -- "差太多的话寄回来我们免费校准"
          [[(?:寄回|返厂|寄过来|寄给我们)(?:来)?[^,.!?]{0,6}?(?:免费)?(?:校准|维修|检修|换新|检测)|免费(?:校准|维修|检修|换新)]],
          [[(?:给您|帮您|为您|免费|马上|我们|这边|可以)(?:重新)?(?:补发|补寄|重发|重新发|寄一个新|换一个|换一件|换个新|换新|换货|退款|退货|退换|全额退|退差价|部分退|补偿|赔|报销|维修|修好|补一个|补个)(?![\p{Han}]{0,2}(?:地址|流程|步骤|方法))]],
          [[(?:补发|补寄|重发|换新|换货|退款|退货|全额退款|上门维修|上门取件|退差价|补运费|补邮费|返现)(?:给您|吧|的方案|处理吧)]],
          [[(?:给您|帮您|为您|我们|这边|马上|今天)(?:免费)?(?:重新)?(?:寄|发|换|补)(?:一|个|一个|一套|一件|一张|一块|一副|一对)?(?:新的?|全新的?)]],
          [[(?:给您|帮您|为您)(?:办理|安排|处理|申请)(?:一下)?(?:退货|退款|换货|补发|维修|退换|上门)]],
          [[(?:退款|换货|补发|退货|维修|补寄)(?:已经)?(?:给您|帮您)?(?:处理|办理|安排|申请|提交)(?:好)?了]],
          [[重新(?:给您|为您|帮您)?(?:做|发|寄|换|补|安排|生产|定做)(?:一个|一件|一套|一张|一双|一块)?|(?:差价|运费|邮费|货款|钱)(?:我们|这边)?(?:会)?(?:一起|一并)?(?:退|补|返|赔)(?:给)?(?:您|你)|(?:退|返)(?:一部分|部分|一点|点)(?:款|钱)|(?:给您|算是给您)(?:一些|一点|点)?(?:补偿|赔偿)|把(?:(?!单号|链接|照片|视频|图|截图|地址|说明|资料|信息){NC}){1,8}?(?:寄|补|重新发)(?:给)?(?:您|你)]],
          [[(?:退货|退款|换货|补发|维修|退换|换新)(?:还是|或者|或|或是)(?:给您)?(?:退货|退款|换货|补发|维修|退换|换一个|换个新|换新|上门)]],
          [[(?:运费|邮费){NC}{0,4}?(?:由|是)?(?:我们|这边|店铺|我这边|本店|商家)(?:来)?(?:出|承担|报销|付|补|负责)]],
          -- the agent acting on the remedy for this customer: "给您申请换新的坐垫" "我帮您换一
          -- 双合适的" "多收的运费马上退给您" "我们给您换大半码"
          [[(?<!凭什么|凭啥|不|不能|没法|不会|怎么|为什么|不可能)(?:给|帮|为|替)(?:您|你)(?:们)?{NC}{0,6}?(?:申请|安排|办理|处理)?(?:{REMEDY}|换(?!算|成|个(?:说法|方式|角度))|退(?!出|订|回来))(?![\p{Han}]{0,2}(?:地址|流程|步骤|方法))]],
          [[(?:马上|立刻|立即|今天|尽快|这就|现在就|稍后|随后|当天)(?:就)?(?:给|帮|为)?(?:您|你)?(?:{REMEDY}|退|换|补)(?:给)?(?:您|你)?]],
          -- the remedy given straight away: "确认是质量问题直接换新"
          [[直接(?:给您)?(?:{REMEDY})]],
          -- money as compensation: "给您申请50元的补偿"
          [[(?:申请|给您|赔|赔您|补偿|补偿您|退您|退给您)(?:{NUM})(?:元|块)(?:钱)?(?:的)?(?:补偿|赔偿|红包|现金|差价)?|(?:现金|钱|款)(?:作为|算是)(?:补偿|赔偿)]],
        }},
        {
          -- the fix done for this customer, in everyday words: "我马上联系快递帮您改派到新地址"
          -- "还没发货直接帮您取消" "我今天就给您寄一包螺丝过去" "送您一张合适的膜" "死多少给您补多少"
          -- "我一步一步教您" (000 常见售后问题及处理方案)
          any = {[[(?<!不|不能|没法|无法|不会|凭什么)(?:帮|给|为)(?:您|你)(?:{NC}){0,8}?(?:改派|转寄|拦截|取消|改好|改成|改一下|改地址|换成|改到)|(?:寄|送|补)(?:您|你|给您|给你)?(?:一|个|一个|一包|一张|一套|一瓶|一支|一块|一份|包|张|瓶|支|份)(?:{NC}){0,6}?(?:过去|给您|给你|试试|用)|(?<!不|没)(?:坏|死|少|缺|烂)(?:了)?(?:多少|几个)(?:就)?(?:给您|给你|我们)?(?:补|赔|退)(?:多少|几个)|(?:一步一步|手把手)(?:地)?(?:教|带)(?:您|你)|(?:我|我们)(?:来|这就|马上)?教(?:您|你)(?:怎么|如何)?(?:弄|设置|操作|绑|装|调|用)]]},
          when = {customer = {[[{COMPLAIN}|{PROBLEM}]]}},
        },
        -- the remedy offered as the customer's option, where they have a problem with the
        -- order: "尺寸不合适可以换的" "质量问题我们支持全额退款"
        {
          any = {[[(?:可以|能|支持|包)(?:给您|免费)?(?:{REMEDY}|换|退)(?:的|哦|呢|啦|货|款|呀|哈)?|(?:给|帮)(?:您|你)(?:通过|同意|审核通过|批)|(?:同意|通过|受理)(?:您的?)?(?:退货|退款|换货|申请)]]},
          when = {customer = {[[{PROBLEM}]]}},
        },
        unless = {[[(?:不能|不支持|不可以|不给|不接受|没法|没办法|没有办法|不予|无法|不会)(?:给(?:您|你))?(?:退|换|维修|补|赔)(?!{THENREMEDY})|运费(?:自理|自付|您出|买家承担)(?!{THENREMEDY})]], [[不是正品|假一|如果是假|假的话|假货{NC}{0,4}?(?:退|赔)]], [[(?:非质量问题|不是质量问题|人为(?:损坏)?|个人原因)(?:的话)?{NC}{0,10}?(?:自理|自付|您承担|买家承担|需要您|由您)]]},
      },
    },
    {
      id = "escalate", name = "上报转接", kind = "technique", category = "aftersale",
      source = "002 应急和重要事情,及时上报；001 轉接售後",
      quote = "及时上报此类情况到主管,做好档案记录",
      explain = "超出自己权限的问题，及时转给售后或上报主管，并告诉顾客会有人跟进。",
      detect = {
        any = {
          [[(?<!您可以|您去|你去|您自己|你自己|请您)(?:转(?:给|接|交|到)?|反馈(?:给|到)?|上报(?:给|到)?|报备(?:给)?|提交(?:给|到)?|汇报(?:给)?|交给|联系|报给|反映(?:给|到)?|请示|申请(?!{NC}{0,12}?(?:{GIFT}|送(?:给)?(?:您|你)|赠)))(?:一下|下)?(?:我们的?|我们这边的?)?{NC}{0,4}?(?:售后|主管|上级|经理|领导|相关部门|专员|质检|仓库|物流部|技术|客服主管|店长|专门的|负责人|组长)]],
          [[(?:跟|向|和|找)(?:我们的?)?(?:售后|客服)?(?:主管|上级|经理|领导|店长|售后|负责人|组长)(?:申请|反映|报备|汇报|请示|沟通|确认|商量|说明)(?!{NC}{0,12}?(?:{GIFT}|送(?:给)?(?:您|你)|赠))]],
          [[(?:帮您|给您|我)转(?:过去|接过去|给他们|给同事|给那边|接一下)|(?:需要|得|要)(?:售后|主管|仓库|同事|专员)(?:那边)?(?:来)?处理]],
          -- "我去找主管" "这次我直接对接主管" "我现在就帮您登记售后"
          -- (heldout33, 34) the case handed to a colleague who can settle it: "让售后专员打电话给您"
          -- "我去和技术同事确认一下" "我帮您问下财务" "升级给售后主管"
          [[(?<!您|你|您可以|你可以|请您|您去|你去|您就|你就|您也可以|你也可以)(?:让|请|问问|问一下|问下|和|跟|升级给|上报)(?:一下|下)?(?:我们的?)?(?:售后|客服|营养|报关|运营|技术|品控|设计|仓库|质检|物流)?(?:专员|同事|主管|财务|品控|品牌方|厂家|工程师)(?!{NC}{0,12}?(?:{GIFT}|送(?:给)?(?:您|你)|赠))]],
          [[(?<!您|你|您可以|你可以|请您|您去|你去|您就|你就)(?:我|我这边|我们)?(?:去|来|这就|现在就|马上|直接)(?:找|对接|请示|问问|问一下|问下)(?:一下|下)?(?:我们的?)?(?:主管|经理|领导|店长|组长|上级|负责人)|(?:我|这边|我这边)(?:先|现在就|马上|这就)?(?:帮|给)(?:您|你)(?:登记|提交|报)(?:一下|个)?(?:售后|工单|售后单)]],
        },
        unless = {[[(?:您|你)(?:可以|也可以|需要|得|就|直接)?{NC}{0,3}?(?:去|直接|自己)?(?:联系|找|咨询|问)(?:一下)?(?:我们的?)?(?:售后|客服)]],
                  -- the customer's own step on the platform: "在订单页面点申请售后"
                  [[点(?:击)?(?:一下)?申请售后|(?:您|你)(?:在|去)?{NC}{0,8}?申请售后]]},
      },
    },
    {
      id = "take_responsibility", name = "主动承担", kind = "technique", category = "aftersale",
      source = "001 主動承認錯誤",
      quote = "如果是這邊的錯誤要勇敢承擔",
      explain = "是店铺的失误就直接承认，不推脱。",
      detect = {
        any = {
          [[(?<!不|并不|如果|若|要是|假如|万一|如果是|若是|要是|不是|并不是)(?:是|这是|确实是|都是|属于|实在是)(?:我们|我|本店|店铺|我们店|我们这边|我这边|我们仓库|仓库|我们的同事|同事)(?:的)?(?:失误|错|问题|疏忽|过失|责任|不对|工作失误|没做好|疏漏|不好|没有做好|工作没做到位|不到位|考虑不周|考虑得不周到|没考虑周全)]],
          [[(?<!如果|若|要是|假如|万一|不是)(?:我们|我|仓库|我们这边|同事|发货的同事)(?:的)?(?:工作)?(?:失误|疏忽|弄错|搞错|发错|漏发|漏放|少发|少放|没检查好|没核对|没有检查|没有核对|没做好|没有做好|粗心)(?:了)?]],
          [[(?<!不|并不|如果|若|要是|假如|万一|不是)(?:是|确实是|都是|这是|实在是)(?:我们|我|本店|仓库|我们这边|我这边|店里|客服|同事)(?:这边)?{NC}{0,8}?(?:(?:没|没有|忘了)(?:跟您|和您|给您|向您)?(?:写|说|标|讲|检查|核对|包装|打包|放|注明|备注|告诉|提醒|确认|发|做|解释|沟通|交代|把关|处理|装)(?:清楚|好|对|全|到位|仔细|明白)?|漏[\p{Han}]|少(?:发|放|装|寄|给|配)|(?:得)?(?:太慢|太晚|不及时|不周到?|不够好|不到位|慢了|晚了|欠妥|不妥|没及时))]],
          [[(?<!不|并不|如果|若|要是|假如|万一|不是)(?:是|确实是|都是|这是|实在是)(?:我们|我|本店|仓库|我们这边|我这边|店里|客服|同事){NC}{0,10}?(?:(?!打)[\p{Han}]错(?!过)|出错|出了错)(?:了)?]],
          -- "确实是发错了" (the shop's doing, said without a subject); "是说明书写得不清楚"
          [[确实(?:是)?(?:我们|我|仓库|这边|我们这边)?(?:发|寄|弄|搞|标|写|算|记|装|包|放|拿|配|填)错(?:了)?|(?<!不|并不|如果|若|要是|假如|万一|不是)(?:是|确实是|都是)(?:我们(?:的)?)?(?:说明书|详情页|页面|描述|商品描述|包装|图片|标签|尺码表|安装图)(?:上)?{NC}{0,4}?(?:写得|标得|说得|讲得|做得|拍得|画得)?(?:不(?:清楚|明白|对|准确|到位|够)|有误|错了|有问题|没写|没标|没说)]],
          [[(?:^|[,.!?])(?:都|全|这|这事|这个)?怪(?:我|我们)(?=[,.!]|$|不好|没)]],
          -- the shop's own step named as what failed: "我们包装没做好" "仓库打包不够结实"
          [[(?<!不是|并不是|如果|若|要是|假如|万一)(?:我们|我|仓库|我们这边|我这边)(?:的)?(?:包装|打包|检查|质检|发货|核对|品控|说明|描述)(?:的时候|时)?(?:确实|真的)?(?:没做好|没做到位|不到位|不够好|不够结实|不够仔细|没检查好|没检查到|疏忽了|有疏漏|没写清楚)]],
          -- "不是您的问题，这批面料预缩没做好" "不是您拍错了，是活动页有bug" "质检漏看了"
          -- "详情页确实没写清楚": the fault named as the shop's own
          [[(?:不是|并不是|并非)(?:您|你)(?:的)?[\p{Han}]{0,4}?(?:问题|错|拍错了|弄错了|装错了|洗错了)(?:哦|哈|呢|啦)?[,.!~]+(?:是)?(?:我们|这批|这次|仓库|质检|系统|活动页|页面|app|厂家|工厂|物流|快递)|(?:质检|仓库|品控|打包的同事)[\p{Han}]{0,3}?(?:漏|没)(?:看|检查|检|放|发|做好)|(?:详情页|页面|我们)[^,.!?]{0,6}?(?:确实)?没(?:写|说|标|讲)(?:清楚|明白)|(?:是|这是)(?:我们)?(?:的)?(?:app|系统|页面|活动页)(?:刚)?[^,.!?]{0,6}?(?:出了|有)(?:bug|问题|故障)]],
          -- the fault named in the shop's own process, in everyday words: "是我们工厂的问题" "是这批拉链头
          -- 质量不过关" "是我们配送安排的失误" "是我刚才回复得太生硬" "页面写得不够直观" "出货前检查
          -- 没做到位" (001: 如果是這邊的錯誤要勇敢承擔)
          [[(?<!不|不是|并不是|如果|若|要是|万一|假如|确认|确定|核实|查实|一定|还|管|看)(?:是|这是|确实是)(?![^,.!?]*(?:还是|的话))(?:我们|我)?(?:的|这边)?(?:工厂|厂家|生产|出厂|品控|质检|仓库|打包|包装|配送|系统|页面|详情页|面料|做工|产品|设计|这批|批次|库存|封口|钉扣|预售|配货|分装|发货|新版本|版本){NC}{0,8}?(?:的)?(?:问题|失误|疏忽|错误|bug|不到位|没做好|疏漏|不过关|偏差|没装到位|没同步好)|(?<!不|不是|如果|若|要是|万一)是我(?:们)?(?:刚才|之前|刚刚|这边)?{NC}{0,6}?得(?:太|不够|不)(?:生硬|简短|简单|准确|清楚|及时|周到|仔细|醒目|直观)|(?<!您|你|顾客|客户)(?:写|标|说|提醒|注明|讲)得(?:确实)?(?:不够|不)(?:清楚|直观|醒目|准确|显眼|到位|明白)|(?:出货|发货|出库|打包)(?:前|时)?(?:的)?(?:检查|质检)(?:没做到位|漏了|不到位|没做好|疏忽了)|(?:是我们|我们)(?:没|没有|没能)(?:安排好|及时回复|跟进好|同步好|及时跟进|说清楚|写清楚|标清楚)]],
          [[锅(?:我们|我)(?:来)?背|(?:我们|我)(?:来)?背(?:这个)?锅|(?<!不|如果|若|要是|不是)(?:是|确实是)(?:我们|我|仓库){NC}{0,5}?(?:不仔细|不小心|大意|马虎|粗心|不认真|没注意)]],
          [[(?:责任|错)(?:在|是)(?:我们|我|本店|店铺)|(?:我们|我)(?:的)?(?:错|责任)(?:,|.|!|$)|我们(?:负全责|负责任|承担(?:全部)?责任)|(?:主动)?承认(?:是)?(?:我们|我)(?:的)?(?:错误|失误|问题)]],
        },
        unless = {[[(?:如果|若|要是|假如|万一|一旦)(?:{NC}){0,6}?(?:是)?(?:我们|我|本店)]], [[(?:不是|并非|并不是)(?:我们|我|本店)]], [[(?:是|确认是|确定是|查实是)(?:我们|我|仓库|本店){NC}{0,8}?的话]]},
      },
    },
    {
      id = "confirm_order", name = "核对订单", kind = "technique", category = "closing",
      source = "000 确认订单客户信息；003 確認訂單",
      quote = "当客户拍下商品以后,客服必须确认以下客户信息",
      explain = "顾客拍下后，逐项核对商品、数量、颜色尺寸、收货地址电话、运费和发货时间。",
      family = "close", -- any closing move closes: 促成交易 is one family
      detect = {
        any = {
          [[(?:核对|确认|核实|对一下|再对一下|核对下|确认下)(?:一下|下)?(?:您的?|你的?)?(?:订单|收货|地址|信息|商品|尺寸|颜色|型号|数量|电话|联系方式|手机|规格|款式|姓名|收件)(?!收到)]],
          [[(?:跟|和|给|帮)(?:您|你)(?:核对|确认|核实)(?:一下|下)(?::|,|订单|信息|地址|收货|收件|商品|型号|尺寸|颜色)]],
          -- the order read back: the item, then a field with its value ("黑色单肩包一个 收件人刘女士
          -- 地址深圳…")
          [[(?:核对|确认|核实)(?:一下|下)?(?::|,)?{NB}{0,30}?(?:收件人|收货人|地址|电话|手机|尺码|颜色|数量)(?:是|:|为)?(?!{NB}{0,3}(?:哪|什么|多少|啥))[\p{Han}0-9a-z]{2,}]],
          [[(?:收货地址|收件地址|收货人|收件人|联系电话|手机号|电话)(?:是|:)(?!{NB}{0,3}(?:哪|什么|多少|啥)){NB}{0,40}?(?:对吗|对吧|没错吧|是吗|对不对|有误吗|无误|正确吗|没问题吧|吗|\?)]],
          [[(?:您|你)(?:拍|买|订|要|选)的是{NB}{1,30}?(?:对吗|对吧|没错吧|是吗|对不对|吧\?|\?)]],
          -- a read-back without 核对: "您订的是…一件，地址…" "已改为：…收件人…"
          [[(?:您的订单是|您订的是|您拍的是|您买的是|您要的是|订单是)[:]?[^.!?]{1,30}?[0-9一二两三四五六七八九十](?:件|个|张|盒|口|双|套|瓶|台|只|条|把|床|份)|[0-9一二两三四五六七八九十](?:件|个|张|盒|口|双|套|瓶|台|只|条|把|床|份)[,]?(?:[^.!?]){0,16}?(?:地址|寄到|寄往|发往|收件人|收货人|共计|合计|总共)|(?:已改为|已改成|已修改为|已更新为|改好了)[:]?[^.!?]{2,30}?(?:收件人|收货人|电话|手机)]],
        },
        unless = {[[确认收货(?!地址|人|信息)]], [[(?:拍完|拍好|拍下后|付款后|付完|下单后|之后|稍后|等会)(?:[0-9]\.(?=[0-9])|[^.!?]){0,12}?(?:核对|确认|核实)]]},
      },
    },
    {
      id = "polite_farewell", name = "礼貌告别", kind = "technique", category = "farewell",
      source = "002 欢迎和欢送；003 禮貌告別",
      quote = "感谢您的惠顾,欢迎下次光临啊。祝您生活更美好等客气话",
      explain = "结束时真诚道谢、送上祝福，欢迎顾客再来。",
      detect = {
        any = {
          [[(?:感谢|谢谢|多谢)(?:您|你|亲)?(?:的)?(?:光临|惠顾|支持|信任|购买|关注|选择|厚爱)]],
          [[祝(?:您|你|亲|福)?{NB}{0,8}?(?:愉快|开心|顺利|如意|快乐|美好|健康|幸福|好运|美满|平安|顺心)]],
          [[欢迎(?:您|你|亲)?(?:下次|再次|常来|再来|下回|随时|经常)(?:光临|再来|来玩|来|回来)?]],
          [[(?:下次|再次)(?:光临|再来|见)|再见|拜拜|bye|回见|慢走|(?:您|你)好走|有空常来|期待(?:您的)?(?:再次|下次)]],
        },
      },
    },
    {
      id = "invite_favorite", name = "提醒收藏", kind = "technique", category = "farewell",
      source = "003 禮貌告別 提醒顧客收藏關注店鋪",
      quote = "提醒顧客收藏",
      explain = "告别时提醒顾客收藏、关注店铺，方便以后再来。",
      detect = {
        any = {
          [[(?<!感谢|谢谢|感谢您的|谢谢您的|多谢|多)(?:收藏|关注|加关注|点个关注|点关注|加个关注|加收藏)(?:一下|下|一个)?(?:我们|小店|本店|店铺|我家|本店铺|咱家|宝贝|这款|我们的?店|哦|呢|吧|哈)]],
          [[(?:收藏|关注)(?:了)?(?:店铺|小店|本店|我们)|加(?:个)?(?:收藏|关注)|(?<!多)(?:收藏|关注)(?!的|了|过){NB}{0,12}?(?:上新|新品|活动|优惠|第一时间|不迷路)|(?:加入|添加到?|放进|放到)(?:我的)?(?:收藏|关注|收藏夹)]],
        },
        unless = {[[(?:会|帮您|我们|一直|持续|我)(?:在)?(?:关注|跟进)(?:一下)?(?:物流|快递|进度|订单)]]},
      },
    },
    {
      id = "invite_review", name = "邀请好评", kind = "technique", category = "farewell",
      source = "000 客户确认及评价",
      quote = "主动邀请客户给予我们满分和好的评价",
      explain = "顾客满意时，邀请顾客给五星好评。",
      detect = {
        any = {
          [[(?:给|打|留|点|来|晒|写|发)(?:我们|小店|店铺|咱家)?(?:一)?(?:个|条|下)?(?:全)?(?:五星|5星|满分|好评|五分|5分|全五星)(?!率)]],
          [[(?:追评|追加评价|写(?:个|条|一条)?评价)(?:一下|下)?]],
          [[好评(?:返现|返|送|有礼|有奖)]],
          [[(?:五星|5星|全五星|满分)(?:好评)?(?:哦|哈|呀|呢|吧|~|啦)|(?<!看)(?:评价|评分|打分)(?:一下|下)|评个分|打个分|(?:可以|记得|欢迎|麻烦)(?:帮忙)?晒(?:个|张)?图]],
          [[(?:帮|给)(?:我们|小店)?(?:晒|追)(?:个|张|几张)?(?:图|评)|晒(?:个|张)?图(?:好评|评价)?(?:吧|哦|呀|哈)]],
          [[(?:记得|别忘了|麻烦|期待|希望|求|顺手)(?:您|你|亲)?{NB}{0,8}?(?:好评|五星|5星|满分|评价|晒图|追评)]],
          [[(?:满意|喜欢)(?:的话)?{NB}{0,8}?(?:好评|五星|5星|评价|满分)(?!率)]],
        },
        unless = {[[差评|修改评价|删(?:掉|除)?评价]]},
      },
    },

    ---------------------------------------------------------------- violations
    {
      id = "arguing", name = "与客户争辩", kind = "violation", critical = true, category = "attitude",
      source = "001 不要與客戶爭辯",
      quote = "與客戶爭辯解決不了任何問題,只會招致客戶的反感",
      explain = "不要为了赢得道理和顾客争辩，争辩只会让顾客反感，解决不了问题。",
      avoided = "没有与客户争辩",
      -- explained with empathy, an apology or an offer to check, it is no argument (001 要耐心
      -- 解释): the model's verdict gives way to those (the patterns keep their own exceptions)
      model_unless = {"apology", "empathy", "evidence_request", "escalate", "concrete_solution",
                      "take_responsibility"},
      -- the meaning model judges arguing only facing something the customer said, and not
      -- where the customer only asked for information (a question asks for that answer)
      model_when = {
        customer = {[[.]]},
        unless_customer = {[[(?:吗|嘛|么|呢)\??$|吧\?$|(?:吗|嘛)[,.!~]|^(?:能|可以|能不能|可不可以)?(?:再)?(?:便宜|优惠|少|打折|包邮)[^,.!?]{0,4}(?:吗|嘛|么)|怎么样|会不会|好不好|能不能|可不可以|有没有|多少|多久|多长时间|多远|几(?:天|号|码|个|米)|什么时候|哪(?:个|种|款|里)]],
                           -- asking who pays, how a thing is done, whether it is allowed
                           -- ("运费谁出" "运费怎么算？" "请问能否开发票"): a policy answer is
                           -- owed ("怎么装啊，装了一下午还装不上" complains, and stays)
                           -- "为什么比官网便宜一百多" asks for the reason (heldout26; but "为什么还不发货"
                           -- complains)
                           -- nor "到底是不是日本产的" (a question whether; heldout27)
                           [[^(?:请问|想问|问一下|问下|咨询一下|咨询下)|^(?:那|请问)?(?:为什么|为啥|咋)(?!还|又|老|总|一直|不|没|要我|让我)|(?:到底|究竟)是不是|如何|是否|能否|可否|(?:谁(?:出|付|承担|负责|来出|来付|管)|(?:怎么|咋)(?:算|退|换|弄|用|装|洗|买|拍|付|收费|计算|操作|处理|联系|申请|选|办|保养|清洗|安装|使用|调|设置|充电|泡|吃|煮|穿|搭配|开发票|下单))[^,.!?]{0,6}(?:啊|呀|呢|的|哈)?[?.~]*$]],
                           -- a worry put as a guess ("不会是坏的吧" "你们不会卖假货吧") or a
                           -- request ("给个折扣吧")
                           [[^(?:你们|您们|你|您|这|这个|这款|它)?(?:不会|该不会|应该不会|别|可别|是不是)[^,.!?]{0,14}吧\??$|(?:给|送|便宜|优惠|打折|折扣|包邮|少|抹|减|通融)[^,.!?]{0,8}(?:吧|呗)[!?]?$]],
                           -- a courtesy is no claim to dispute ("不好意思，打扰了" → "不会打扰的")
                           [[{COURTESY}]],
                           -- nor is the customer's choice ("我要黑色的"): "没有黑色的了" says
                           -- what is out of stock
                           [[{WANTS_VARIANT}]],
                           -- nor is the customer's own plan ("稍等我问下我老公", "我再想想") or
                           -- an acknowledgement ("好的", "刚点错了")
                           [[^(?:稍等|等一下|等等|等下)[^,.!?]{0,12}[.!~]*$|^(?:那)?我(?:再|先|去|要)?(?:想想|考虑(?:一下)?|看看|问问|商量(?:一下)?|研究(?:一下)?)(?:再说|吧|哈)?[.!~]*$|^(?:好的|好吧|嗯|行|ok)(?:[,.!~]|$)|^(?:刚才?|不小心)?(?:点|按|发|拍)错了[.!~]*$]]},
      },
      -- "没关系的亲～" "没问题，您慢慢看" reassure; they dispute nothing; nor does clearing the
      -- customer ("一点都不怪您,这个App确实绕"; heldout33)
      never = {[[^(?:{YOU}[,.!~]*)?(?:没关系|没事|不要紧|没问题)(?:的)?(?:{YOU}|{PRT}|[,.!~])*(?:$|(?:您|你)?(?:慢慢|可以|随时|直接))]],
               [[^(?:[^,.!?]*[,.!~])?(?:一点|完全|真的|根本)?(?:都|也)?不怪(?:您|你)(?![^.!?]*(?:但|可是|不过|只是))]],
               -- nor is the price policy stated as 002 answers a haggler, then turned to what the
               -- price buys ("价格是公司统一定的，客服没有改价权限，不过我们用的是A类纯棉…")
               [[(?:统一(?:定|定价|制定|规定)|没有(?:改价|议价|调价)(?:的)?权限)[^.!?]{0,30}?(?:不过|但是|但(?=\p{Han}))]],
               -- nor a change of the product explained, with no reproach ("您的应该是旧版，新版膏体就是这
               -- 个颜色" "这款今年换了新版五金…"; heldout29)
               [[^(?!.*(?:乱说|瞎说|别|不要|自己|怪|不懂|不会))(?=.*(?:新版|旧版|改版|升级版|换了新版|新老版|换了包装|换包装))]]},
      detect = {
        -- (heldout33, 34) the complaint waved off as what every one of them does ("新车都这样"), or
        -- thrown back as a question the customer is left to answer ("你觉得呢?" "您说有没有?"
        -- "没认证能卖吗?" "我们会卖伤电池的东西?" "网上说的您也信?" "谁24小时在线啊" "您还指望用
        -- 多久?")
        {
          any = {[[(?:^|[,.!?])\p{Han}{0,4}都这样(?:的|啊|呀|哦|嘛)?(?=[,.!?~]|$)|(?:您|你)(?:说|觉得)(?:有没有|是不是|能不能|会不会|可能吗)\?|没\p{Han}{1,4}能\p{Han}{1,2}(?:吗|嘛)\?|(?:我们|我)(?:会|能)(?:卖|发|做)\p{Han}{1,8}\?|(?:您|你)(?:也|都)信(?:吗|啊|呀)?\?|(?:^|[,.!?])谁(?:会|能)?[^,.!?]{1,8}(?:啊|呀|嘛)(?=[,.!?]|$)|(?:您|你)还指望]]},
          unless = {[[{SOFTENED}]]},
        },
        -- everyone else is content, only this customer complains: "几百个人买都没说差,就你说差"
        -- "就您一个人说响" "没人说假,就你事多"
        {any = {[[就(?:您|你)(?:一个人|一个)?(?:说|觉得|嫌|事多|要求多|毛病多|问题多)]]}},
        -- (heldout31, 32) the complaint waved off as normal or trifling and turned back on the
        -- customer in the same breath: "化了很正常啊 你自己签收那么晚怪谁" "鸭掌有毛很正常 你自己拔
        -- 一下不就好了" "凹一点又不影响 你也太矫情了" (001 不要與客戶爭辯: the customer's complaint is
        -- dismissed, not explained)
        {
          any = {[[(?:很|挺|也|都|是|属于)?正常(?!吗)|本来就|自然现象|难免|而已|又不影响|不影响(?:使用|吃|喝|穿|用)?|小题大做|大惊小怪|少见多怪|矫情|至于吗]]},
          all = {[[你自己|你不会|你确定|怪谁|赖|你[^.!?]{0,8}(?:吗|嘛)\?|你是不是|你第一次|你懂|你鼻子|你还|又来|就你|别[^,.!?]{0,4}(?:说|推|赖|怪)|明知道|你应该|你也太|(?:有|什么|啥)好(?:问|说|投诉)]]},
        },
        -- the goods vouched for and the fault laid at the customer's door in one reply: "出厂是干净
        -- 的，您那边弄脏的吧" "纯棉的都会缩，您用热水洗了吧？" "我们都是点数装的" beside "您家孩子是
        -- 不是拆的时候弄丢了？" (the issue's own 发货前都检查过: the customer's account is disputed,
        -- not only blamed)
        {
          any = {[[(?:正常(?![0-9一二两三四五六七八九十几]|情况|使用|用|来说|是|的话|发货|穿|洗|存放)|都会\p{Han}|标准码|(?:出厂|发货|出库|寄出|打包|发出)(?:的)?(?:时|时候|前|之前)?(?:都|是|都是)?(?:好好的|好的|干净的|完好的|检查过|测过|检测过|点过数|剪过)|(?:都|每[台件个双单套])(?:是)?(?:点数|称重|检查|检测|测试|质检|剪过|测过|点过)|别人(?:用|穿|买)?都没|(?:几|上)(?:千|万|百)(?:个|位)?\p{Han}{0,4}?都没(?:事|问题))]]},
          all = {[[(?:您|你)(?:们)?(?:家孩子|自己|那边(?:弄|搞|拆|摔|碰|剪)|是不是|确定|也不看看|太挑剔|不懂|没(?:看|量|按|注意|仔细)|用热水|弄|拆|剪|摔)|(?:您|你)[^,.!?]{0,12}吧(?:[?~.!]|$)]]},
          when = {customer = {[[.]]}},
          unless = {[[{SOFTENED}|{CHECKING}]], [[{TRYFIX}]]},
        },
        {
          any = {
            -- "您说得不对" "你说的不是事实" (but "您说得对" / "您说的没错")
            [[(?:您|你)(?:们)?(?:这么|这样)?(?:说|讲)(?:的|得)?(?:话)?(?:根本|完全|就)?(?:不对|不正确|错了|不是事实|没道理|不合理|有问题|太离谱|站不住)]],
            -- "您搞错了" "你理解错了" "你错了"
            [[(?<!如果|若|是不是|可能|也许|万一|不是|并不是|并非|不是说)(?:您|你)(?:们)?(?:完全|根本|肯定|绝对)?(?:搞错了|弄错了|理解错了|想错了|误解了|看错了|记错了|听错了|闻错了|量错了|数错了|算错了|看走眼了|记混了|搞混了|弄混了|看混了|错了|理解反了|搞反了|弄反了|想反了|看反了)(?!吗|嘛|\?)]],
            -- "根本不可能是假的" "怎么可能是假货"
            [[根本(?:就)?(?:不|没)(?:可能|会|存在|是|有)|绝对不可能|怎么可能(?:是|会|有)?(?:假|仿|坏|错|少|问题|发错)|不可能(?:是|有|会是)?(?:假|仿)(?:的|货)]],
            -- "我都说了多少遍了" "我已经跟您说过了"
            [[(?:我|都|已经)(?:都)?(?:已经)?(?:跟您|跟你|和您|和你|给您|给你)?(?:说|讲|解释)(?:了|过)?(?:多少|好几|很多|几|无数|n|[0-9一二两三四五六七八九十])(?:遍|次)|说了(?:多少|好几|几|无数)(?:遍|次)|(?:我|我都|我已经)(?:已经)?(?:跟您|跟你|和您|和你)?(?:说|讲)(?:得|的)?很清楚了]],
            -- "我们的东西能有什么问题?"
            [[(?:我们|我家|本店)(?:的)?(?:东西|产品|商品|货|衣服|鞋)?(?:能|会|还能)有(?:什么|啥)(?:问题|毛病)]],
            -- "我没说错" "我们没有错" "事实就是这样"
            [[(?:我|我们|本店)(?:并|根本|真的|又|可)?(?:没|没有)(?:说|做|弄|搞)?错(?:什么)?(?:啊|吧|好吗|!|$|,|.)|事实就是(?:这样|如此)|明明(?:就)?(?:是|写着|写了|说了)|本来就(?:是这样|这样|是这么)]],
            -- "您不能这么说" "你这样说不对" "您这是在找茬/胡搅蛮缠"
            [[(?:您|你)(?:不能|别|不要)(?:这么|这样|乱)说|(?:您|你)(?:非要|非|偏要|偏|硬要|硬)(?:这么|这样)?说|跟(?:您|你)(?:讲|说)不(?:清|通)|你讲不讲道理|(?:您|你)(?:要|得)讲道理]],
            -- "我们的东西不可能有问题" "你才是骗子"
            [[(?:我们|我家|本店)的?(?:东西|产品|商品|货|质量|包|床|鞋){NC}{0,4}?(?:根本|绝对)?不可能(?:有|出|会)?(?:问题|坏|错|假)]],
            [[(?:你|您)才(?:是|骗|假|不懂|有问题)]],
            -- rhetorical denials of the customer's claim: "哪里贵了?" "一点都不贵" "没有的事"
            [[(?:^|[,.!?])(?:我们|我们家|我家|本店|这)?(?:哪里|哪儿|哪|哪来的?)(?:有)?(?:贵|假|色差|问题|味道|异味|质量问题|少|坏|脏|瑕疵|慢|差|黑|坑|烂|骗)(?:了|啊|呢|的)?(?=\?|[,.!]|$)]],
            [[(?:一点|一点儿|根本|压根|完全|哪里)(?:都|也)?不(?:贵|假|差|臭|难用|慢)(?:好吗|好不好|啊|的|呀)?(?=[,.!?]|$)]],
            [[(?<!是我)(?:您|你)(?:真的|真是|实在是?)?(?:想多了|多虑了)|没(?:有)?(?:的事|这回事|这种事)|不存在(?:的|色差|这种|这个问题|质量问题|假货)|心理作用|(?:您|你)(?:的)?错觉]],
            [[(?:解释|说)(?:了)?(?:这么多|那么多|半天)(?:了)?{NC}{0,4}?(?:您|你)?(?:还|到底)|(?:您|你)还(?:要|想)(?:怎样|怎么样|干嘛|咋样)]],
            -- a demand waved away: "赔什么呀" "退什么啊"
            [[(?:^|[,.!?])(?:赔|退|换|补|慢|贵|假|坏|少)什么(?:呀|啊|啦|嘛)?(?=[,.!]|$)]],
            -- a bare "不可能" / "怎么可能" answering the customer
            [[(?:^|[,.!?])(?:那|这|这个|那个)?(?:是)?(?:根本|绝对|完全)?不可能(?:的|啊|吧|呢|嘛)?(?=[,.!?]|$)|怎么可能(?:呢|啊|吧|嘛)?(?=[,.!?]|$)]],
            -- "这话就不对了" "话可不能这么说"
            [[(?:您|你)?(?:这|那)(?:个)?(?:话|说法|种说法)(?:就|可|也|是)?(?:不对|不正确|不成立|不客观|不准确|不符合事实|错的|不能这么说|有问题|站不住脚|太离谱|太片面)|话(?:可|也)?不能(?:这么|这样)说]],
            -- "我可没说过" "我从来没答应过"
            [[(?:我|我们)(?:可|从来|根本|压根|并|又)?(?:没|没有)(?:说过|这么说过?|这样说过?|那么说过?|承诺过|答应过|讲过)]],
            -- a denial made as a counter-question or a flat "cannot be": "怎么可能是劣质货?"
            -- "不可能没发" "我们的东西不可能是垃圾" (but "不可能是您的问题" takes the
            -- customer's side)
            [[(?:怎么|哪|哪里)可能(?:是|会|有|没|不是)(?!(?:您|你)(?:的|自己)?(?:问题|错|责任|原因))]],
            [[(?<!如果|若|要是|假如)不可能(?:没|不)(?:有)?[\p{Han}]|(?:我们|我家|本店|咱家|我们家|我们店)(?:的)?{NC}{0,6}?不可能(?:是|有|会|出)(?!(?:您|你)(?:的|自己)?(?:问题|错|责任|原因))]],
            -- flat denials of a mistake, how big the problem is, or the customer's motive:
            -- "不可能少发" "没有您说的那么大" "开胶是不可能的" "不存在慢不慢的问题" "谁骗你了"
            [[(?<!如果|若|要是|假如)不可能(?:是)?(?:漏发|少发|发错|错发|漏|少|刷)|没有(?:您|你)说的(?:那么|这么)|(?:坏|裂|开胶|掉色|褪色|假|漏|少|错|色差|问题|掉)(?:是|那是)?(?:根本|绝对)?不可能的|(?<!如果|若|要是)不存在[^,.!?]{0,6}?(?:的)?问题|(?:您|你)(?:可)?(?:不能|别|不要)乱说|(?<!我|我们)(?:别|不要)乱说|我们为什么要|(?:便宜|贵)(?:就|就一定)(?:是|不是)?(?:假货|假的|不好|好)(?:吗|嘛|么|\?)|谁(?:骗|坑|忽悠)(?:您|你)了|(?:您|你)这话说的|(?:您|你)(?:这么|这样)说(?:我|我们)?就(?:没意思|不爱听|不对)]],
            -- contradicting the customer's memory: "您一开始说的是绿色啊，聊天记录都在"; rhetorical
            -- questions and flat facts: "难道我们还能故意发错吗" "签收了那就是送到了" "我们又没说不解决"
            [[(?:您|你)(?:之前|一开始|刚开始|刚才|当时|最开始|下单时|下单的时候|下单)(?:说|选|拍|要|写|填|报|量|给)的(?:就)?是[^,.!?]{1,8}?(?:啊|呀|嘛|的呀)(?=[,.!?]|$)|(?:您|你)(?:之前|一开始|刚开始|刚才|当时|最开始|下单时|下单的时候|下单)(?:说|选|拍|要|写|填|报|量|给)的(?:就)?是[^,.!?]{1,8},(?:聊天记录|记录|您自己看|你自己看|订单上|订单里)|聊天记录(?:都|还)?在|不是(?:跟|和|给)(?:您|你)(?:说|讲)过了?(?:吗|嘛)|难道(?!是)[^,.!?]{1,12}?(?:吗|嘛)(?:[,.!?]|$)|签收(?:了)?(?:那)?就是(?:到了|送到了|收到了)|(?:我们|我)又没(?:说|有说|不)|(?:您|你)说话要(?:讲道理|负责任)]],
            -- running down rivals: "那是同行抹黑" "他们家用的是回收棉" "别被骗了"
            [[同行(?:抹黑|造谣|恶意|黑)|别被(?:骗|忽悠|误导)了|(?:他们|别家|那家|人家|隔壁|[a-z]{1,4}家|同行)(?:家)?(?:的|那个)?[^,.!?]{0,6}?(?:回收|旧款|去年的|库存货|翻新|假货|次品|二手|以次充好)]],
            -- "您说这话要有根据": the customer must prove a complaint
            [[(?:您|你)(?:这么|这样)?(?:说|讲)(?:这|这个|这种)?(?:话)?{NC}{0,4}?(?:要|得|可要|可得)(?:有|拿出)(?:根据|证据|依据|凭据)]],
            -- winning the price point by running down other shops: "别家便宜那肯定是假货"
            [[(?:别家|别人家|其他家|人家|他们家|外面|别的店|其他店)(?:的)?{NC}{0,8}?(?:肯定|都|就|绝对|一定|多半|八成|只能)(?:是)?(?:假货|假的|高仿|仿的|次品|劣质|水货|翻新|二手|以次充好)|(?:我们|我家|本店)(?:才是|才卖)(?:真的|正品|真货|正规)|(?:不信|不相信)(?:的话)?(?:您|你)?(?:可以|就|尽管|大可)?(?:去|自己)?(?:比|比比|对比)]],
            -- (round 2026.12.7) the customer corrected for how they spoke ("您骂人就不对了"), the
            -- shop claiming to be wronged ("您这样说我们很冤枉的"), the customer's account flatly
            -- contradicted ("你肯定没付成功" "您根本没寄")
            [[(?:您|你)(?:这么|这样|那么|那样)?(?:骂人|骂|说话|乱说|乱讲)(?:得|的)?(?:就|可|也)?(?:不对|过分|太过分|不应该|没道理)了|(?:我们|我)(?:很|真|好|太|可|真的|也太|实在)?(?:冤枉|委屈)(?!您|你)|冤枉(?:我们|我|好人)]],
            -- (heldout30) "我怕你?" "实物就是这个色" "你买什么鞋没味道" "忍忍就好" "你说漏就漏?" "我什么
            -- 时候说今天发了?" "学生就能便宜?"
            [[(?:我|我们)(?:会|还)?怕(?:您|你)(?:吗|啊|不成)?\?|实物就是这个\p{Han}{0,2}|(?:您|你)买(?:什么|啥|哪个)\p{Han}{0,3}(?:没|不)(?:有)?\p{Han}{1,2}|忍(?:一)?忍就(?:好|过去|行)|(?:您|你)说(?!是)(\p{Han}{1,2})就\g{-1}|(?:我|我们)什么时候(?:说|答应|承诺)(?:过)?|\p{Han}{1,3}就(?:能|可以|该|得)(?:便宜|优惠|打折|免费|退)\?]],
            -- (heldout29) "不可能三天就坏" "谁删你评价了?" "谁家不慢啊"
            [[不可能\p{Han}{0,4}?就(?:坏|裂|断|漏|掉|破|烂|褪色|掉色|起球|塌)|谁(?:删|骗|坑|扣|拦|拖|凶|骂|改|卖)(?:您|你)\p{Han}{0,3}了|谁家(?:不|还)\p{Han}{1,3}(?:啊|呀|的)?(?=[,.!?~]|$)]],
            -- (heldout27) "近什么近" "歪什么歪", the burden turned back ("你又怎么证明是假的?"), "我们
            -- 不怕", and a claim ruled out ("不存在发临期货的情况")
            [[(?<![是有])(\p{Han})什么\g{-1}(?!\p{Han})|(?:您|你)又(?:怎么|凭什么|凭啥|拿什么)(?:证明|知道|说)|(?:我们|我)(?:才)?不怕(?![^,.!?]*(?:麻烦|辛苦))|(?<!如果|若|要是)不存在[^,.!?]{0,8}?(?:的)?(?:情况|现象|说法)]],
            -- (heldout21, 26) a rhetorical question that turns the customer's reasoning round: "便宜就
            -- 一定是假的吗?" "老店就一定靠谱?" "别人有你就得有?" "没货能让你拍?"
            [[就一定(?:是|能|会|要|得)?\p{Han}{1,4}(?:吗|嘛)?\?|(?:别人|人家|别家)\p{Han}{1,4}(?:您|你)就(?:得|要|必须|该)\p{Han}{0,4}\?|(?:没货|假的|假货|坏的)(?:能|会)让(?:您|你)\p{Han}{1,3}\?]],
            -- (heldout25) "有你说的这么夸张吗?" "说了是实木就是实木" "便宜还不好?" "跟粮有什么关系"
            [[有(?:您|你)说的(?:这么|那么)\p{Han}{0,3}(?:吗|嘛)|说(?:了|过)?是(\p{Han}{1,4})就是\g{-1}|便宜(?:还|也)不好(?:吗|嘛|么)?|(?:跟|和|与)\p{Han}{1,6}?有(?:什么|啥)(?:关系|相干)(?![^,.!?]*(?:吗|呢))]],
            [[(?:您|你)(?:肯定|一定|绝对|根本|压根|准是|八成)(?:就)?(?:没|没有)(?!问题|事|关系|错|什么|必要|想到|用过|见过|试过|穿过|吃过|体验过)(?:付|寄|发|退|拍|下单|申请|收|点|填|付款|支付|提交|操作|装|插|按)]],
          },
        },
        -- after a complaint or a judgement of the goods, the reply opens by denying it: "领口不会
        -- 变形的亲" "质量不差的" "不笨重的亲" "扫地机不会老卡的"; and the customer's account
        -- corrected: "我没说今天发呀，我说的是三天内" "页面没写包邮呀,写的是满299包邮"
        -- "又不是买包装" "不是鞋子的问题" "系统显示三件都签收了的"
        {
          any = {
            [[^(?:{NC}{0,6}?)(?:一点(?:都|也))?(?:不会|不|没有|没)(?!关系|问题|事|用|要|必|客气|好意思|着急|急|担心|怕|过|然|知道|清楚|在|是|止|仅|但|少钱|方便|错|行)(?:老|再|会)?[\p{Han}]{1,3}的(?:亲|哦|呀|啦|呢|哈|亲亲)?(?=[,.!~]|$)]],
            [[(?:没|没有|不是)(?:写|说|标|答应|承诺)(?:过)?{NC}{0,8}?(?:呀|啊|哦|的)?[,.!](?:我|我们|页面|上面|这边)?(?:说|写|标)的(?:是|明明是)]],
            [[(?:^|[,.!?])\p{Han}{0,4}?又不是[\p{Han}]{1,8}(?=[,.!?]|$)|不就(?:行|好|得|完)了(?:吗|嘛)?(?=[,.!?]|$)]],
            [[不是(?!您|你|我们|我)[\p{Han}]{1,4}(?:本身)?的(?:问题|毛病)|(?:一点|一点儿|根本|压根)(?:都|也)不(?!怪(?:您|你)|是(?:您|你))[\p{Han}]{1,2}(?:的|呀|啊)?(?=[,.!?]|$)]],
            -- "电池是名牌的好不好": a rebuttal
            [[\p{Han}的好不好(?=[,.!?~]|$)]],
            -- "不可能有塑料味的" "正版书不可能有空白页" (but "不可能是您的问题" takes their side)
            [[(?<!如果|若|要是|假如|万一|只要|是否)不可能(?:有|是|会|出现)(?!(?:您|你)(?:的|自己)?(?:问题|错|责任|原因))]],
            [[(?:系统|物流|记录|后台)(?:上)?显示{NC}{0,8}?(?:都)?(?:签收|送达|妥投|发出)(?:了)?的?(?=[,.!?]|$)|(?:上面|记录|物流|系统|后台)(?:上)?(?:写的|写着)(?:是)?(?:本人|已经)?签收|(?:这边|我们|我门|仓库){NC}{0,4}?都(?:发|寄|装)了的]],
            -- the complaint's own state denied flat, a reason after it: "没过期，保质期12个月"
            -- "不会少，我们是称重出库的" "没坏啊，您再试试"
            [[^(?:{NC}{0,4}?)(?:根本|压根|绝对|肯定|完全)?(?:没有|没|不会|不)(?:过期|变质|发霉|坏|烂|少|漏|破|碎|掉色|褪色|缩水|起球|变形|开胶|馊|臭|贵|慢|薄|塌|断|裂|脏|假|错)(?:了)?(?:啊|呀|吧|哦|呢)?(?=[,.!~]|$)]],
          },
          when = {customer = {[[{CLAIMED}]]},
                  unless_customer = {[[{ASK}]]}},
          unless = {[[{SOFTENED}]]},
        },
        -- the customer's own words taken up and denied, or waved away as a question (001 不要
        -- 與客戶爭辯): "好薄啊" → "不薄的呢"; "发错货了" → "没发错哦，订单上是…"; "哪里薄了?"
        -- "塌？不会吧"; "几分钟也叫慢？" "歪了就是假的?" (but not "不舒服的话…", "还没到吗", nor
        -- a 了 of change: "没有黑色的了" says what is out of stock, "不会掉色了" reassures)
        {
          any = {
            [[(?=[不没])(?<!如果|要是|若|假如|万一|只要|是否|还|再|仍|也|才|都|是|有|会|能|要|好|对)(?=(?:不|没)\p{Han}{1,9}?(?:的|了|啊|呀|呢|哦|哈|嘛|吧|亲|哟|喔)*(?:[,.!?~]|$|{SMILE})){DENYECHO}(?:的|啊|呀|呢|哦|哈|嘛|吧|亲|哟|喔)*(?=[,.!?~]|$|{SMILE})]],
            [[(?<![^,.!?~])(?:我们|我家|这|这个|它)?(?:哪有|怎么会|怎么可能)(?:有|会|就)?{ECHO}(?:了|啊|呢|呀)?(?=[,.!?~]|$)]],
            -- (heldout28) "我冲吗?" (but "哪里不一样?" asks, and the writers call it interrogation)
            [[(?<![^,.!?~])(?:我|我们)(?:有)?{ECHO}(?:了)?(?:吗|嘛)\?]],
            -- "什么山寨" "那来的霉味" "运输哪有不皱的"
            [[(?<![^,.!?~])(?:什么|啥)(?:叫)?{ECHO}(?=[,.!?~]|$)|(?:哪|那)(?:来的|里来的)(?:什么)?{ECHO}|哪有不{ECHO}的|(?:这|那)(?:哪|怎么)(?:叫|算){ECHO}]],
            -- "烂不了这么快" "没听说有歪的" "都没有人说过结块" "别的顾客用都没问题" "坑？一分钱一分货"
            [[{ECHO}不了(?:的|这么快|那么快|吧)?(?=[,.!?~]|$)|没(?:听说|见过|遇到过|碰到过)(?:过)?(?:有)?(?:人)?(?:说)?{ECHO}|(?:没有人|没人|从来没人|从来没有人|都没人|都没有人)(?:说过|反映过|反馈过|说|投诉过)?{ECHO}]],
            [[别(?:的|人)(?:顾客|人|家)?(?:用|穿|买|吃|闻|装|戴|喝)(?:了)?都(?:没问题|挺好|很好|说好|挺香|好好的)|^(?=[^.!?]{1,10}\?)(?:{YOU}[,.!~]*)?{ECHO}\?(?=[^.!?]{2})(?![^.!?]*(?:\?|吗|呢|么))]],
            [[(?<![^,.!?~]){ECHO}(?:了|啊)?[?!]{1,3}(?:这|那)?(?:不会吧|不可能|怎么可能|开什么玩笑|开玩笑)]],
            [[^(?=[^,.!?~]{1,16}的(?:了|啊|呀|呢|哦|哈|嘛|亲)*(?:[,.!?~]|$))(?:(?:{YOU}|您好|你好)[,.!~]*)?(?:(?!如果|要是|若|假如|万一|的话|是否|只要|不|没)(?:[0-9]\.(?=[0-9])|[^,.!?~])){0,6}?(?:都是|就是|是|都|也|确实|明明|本来就|本来)?(?:最|很|挺|够)?(?=\p{Han}{1,4}的(?:了|啊|呀|呢|哦|哈|嘛|亲)*(?:[,.!?~]|$)){NEGECHO}的(?:了|啊|呀|呢|哦|哈|嘛|亲)*(?=[,.!?~]|$)]],
            [[{ECHO}(?:了)?(?:也叫|也算|就(?:一定)?(?:是|算)(?:假|劣质|次品|质量问题|坏))[^,.!?]{0,4}(?:吗|嘛|\?)|(?:也叫|也算|就叫|就算|这叫|这也叫){ECHO}(?:了)?(?:吗|嘛|啊|呀|啦)?\?]],
          },
          when = {customer = {[[{CLAIMED}]],
                              -- "几天就塌了" "用着很油" "一股霉味" "全是褶皱" "怎么这么死板" "发的是
                              -- 山寨充电器": a claim too, when the reply repeats its words
                              [[就[\p{Han}]{1,3}(?:了|$)|(?:很|特别|非常|超级|有点|有些|这么|那么)\p{Han}|一股|全是|都是|(?:没|不)\p{Han}|(?:发|给|寄)(?:我)?的是|(?:收|拿)到的是|山寨]]},
                  -- a guess ("肯定是假货吧") or a question how ("开胶怎么办") asks for the answer;
                  -- so does the customer's choice of a variant ("我要红色的" → "没有红色的")
                  unless_customer = {[[{ASK}]], [[(?:肯定|应该|一定|估计|可能|大概)[^,.!?]{0,10}吧[?!.~]*$|怎么办|怎么弄|咋办|怎么处理]],
                                     -- a courtesy ("不好意思，打扰了" → "不会打扰的")
                                     [[{COURTESY}]],
                                     [[{WANTS_VARIANT}]]}},
          -- (heldout31) "不是不发顺丰哈,是这个仓合作的是京东冷链": the reason explained, not the claim
          -- denied
          unless = {[[{SOFTENED}|{CHECKING}]], [[{TRYFIX}]], [[不是不\p{Han}{1,6}(?:哈|哦|呢|啊|呀|的)?,?(?:是|而是|主要是|因为)]]},
        },
        -- (heldout22, 23) the customer's suspicion, often put as a question, thrown back at them:
        -- "我们这么大的店会卖翻新机?" "我们家八年老店,卖什么高仿?" "不靠谱我们能开这么多年?"
        {
          any = {[[{ECHO}就(?:一定)?(?:是|算)\p{Han}{1,4}(?:吗|嘛|了)?\?|(?:我们|我家|本店|咱家|旗舰店|官方店|专卖店|专营店|大店|老店|正规店)[^,.!?]{0,6}?(?:会|能|敢)(?:卖|发|用|做){ECHO}(?:吗|嘛)?\?|(?:卖|发|用)什么{ECHO}(?:啊|呀)?\?|(?:我们|我家|本店|咱家)?能(?:开|做|卖|干)(?:这么|那么)(?:多|久)(?:年)?(?:吗|嘛)?\?]]},
          when = {customer = {[[.]]}},
          unless = {[[{SOFTENED}]]},
        },
        -- (heldout22) the thing the customer found wrong declared sound: "电池没问题" "膜没问题"
        -- "试纸我们是没问题的" (but "七天无理由没问题" grants a request)
        {
          any = {[[{ECHO}(?:本身|我们)?(?:是|都是)?(?:绝对|肯定|根本|完全|都)?(?:没|没有)(?:任何|什么)?问题]]},
          when = {customer = {[[问题|问提|坏|不准|漏|垃圾|气泡|断了|卡|不对|毛病|故障|不亮|不响|不转|不灵|失灵]]},
                  -- "下雨会不会漏?" asks ahead; "中雨没问题" answers it
                  unless_customer = {[[会不会|能不能|可不可以|好不好|对不对|行不行|怎么样|能否|是否|(?:吗|嘛)[?!.~]*$]]}},
          unless = {[[{SOFTENED}|{CHECKING}]], [[{TRYFIX}]]},
        },
        -- the customer's words taken up and ruled out in office words: "不存在说话不算话" "更谈不上
        -- 虚假宣传" "问题肯定不在粮上" "跟激素一点关系都没有" "您查到的信息不对": whatever the
        -- customer said, the echo of it is the claim disputed
        {
          any = {
            [[(?:不存在|谈不上|更谈不上|算不上|称不上)(?:什么|所谓的?)?{ECHO}|问题(?:肯定|绝对|根本|也)?不(?:在|是)(?:{NC}){0,2}?{ECHO}|(?:跟|和|与){ECHO}{NC}{0,2}?(?:(?:一点|根本|完全|压根)?(?:关系|关联)(?:都|也)?(?:没有|没)|(?:都|也)?(?:没有|没)(?:有)?(?:任何|什么|一点)?(?:关系|关联))|(?:您|你)(?:们)?{NC}{0,6}?(?:的)?(?:信息|说法|理解|判断|结论|看法|印象|记忆|数据)(?:是)?(?:不对|有误|不准确|不正确|错了)]],
          },
          when = {customer = {[[.]]}, unless_customer = {[[{ASK}]]}},
          unless = {[[{SOFTENED}|{CHECKING}]]},
        },
        -- a flat "not our problem" shuts the complaint down; explained kindly (001: 要耐心解释,
        -- 责任不在公司) with an apology or help it is not arguing
        {
          any = {[[(?:与|跟|和)(?:产品|商品|我们的?(?:产品|商品|东西)?|本店|店铺)(?:本身)?(?:的?质量)?(?:无关|没(?:有)?(?:任何)?关系)|(?:快递|物流|运输|快递员)[^,.!?]{0,6}?(?:不关|又不是|不是|跟|和)(?:我们|本店|商家|我|卖家)(?:的)?(?:事|问题|责任|开的|没关系|无关)|快递又不是我们(?:家)?(?:开|的)|(?:^|[,.!?])(?:这|那|这个|那个)?(?:根本|压根|本来)?(?:就)?(?:不是|不关)(?:我们|我|本店|我们店)(?:的)?(?:问题|错|责任|事)|(?:跟|和|与)(?:我们|本店|我|店铺|我们店铺|我们店|商家|卖家)(?:家)?(?:这边)?(?:的)?(?:产品|东西|商品|面霜|衣服|质量)?(?:没有|没|无)(?:任何|半点|什么)?关系|(?:快递|物流)(?:压|摔|弄|搞|丢)(?:坏|碎|破)?的(?=[,.!?]|你|您)|反正(?:我们|我|这边){NC}{0,8}?(?:是好的|没问题|没有问题|是完好的|检查过)|(?:我们|本店|店铺|这边|我们这边)(?:概|是|可)?不(?:负责|管|承担)(?!任|得|的话)]]},
          unless = {[[{SORRY}|理解|(?<!{=NOTDO})帮(?:您|你)|马上|催|(?<!{=NOTDO}|自己|自行|您去|你去|您|你|去)联系|(?<!{=NOTDO})跟进|(?<!去|自己|{=NOTDO})处理|放心|(?:不用|别|不要|无需|不必)(?:太)?担心]]},
        },
        -- answering a customer's complaint by asserting the opposite: "我们的质量没问题"
        -- "东西又没问题" "我们肯定发了" "我们发货都是齐的" "这不是质量问题" "图片本来就有
        -- 色差"; with an apology or an offer of help it is an explanation, not a dispute
        {
          any = {
            [[(?:质量|东西|产品|商品|货|描述|包装|床|包|鞋|做工)(?:本身)?(?:又|绝对|肯定|根本|完全|都|是|一点)?(?:没|没有)(?:任何|什么|一点)?问题]],
            [[(?:我们|我|这边|仓库)(?:都|可)?(?:肯定|明明|确实|早就|绝对)(?:是)?(?:发|寄)(?:了|过|出去了|出去的)|(?:我们|我家|本店|这边)(?:发货|发的|寄的|的货|发出去的)(?:都|肯定|绝对|一向|从来|一直)?(?:是)?(?:齐的|好的|完好的|完整的|全的|正品|没问题的)|(?:发出去|发出|发货|出库|出厂|寄出|打包|装箱)(?:的)?(?:时候|前|之前)?(?:都|绝对|肯定|明明|确实|一直)(?:是)?(?:有人)?(?:好的|好好的|完好的|完整的|齐的|全的|没问题的|检查|检测|验|核对|质检)|(?:发出去|发出|发货|出库|出厂|寄出)(?:的)?(?:时候|前|之前)是(?:好的|好好的|完好的|完整的|齐的|全的|没问题的)]],
            -- a blanket denial of what the customer said: "我们从来不卖旧货"
            [[(?:我们|我家|本店|咱家|我们家)(?:从来|从不|一向|一直|根本)(?:都)?(?:不|没|没有)(?:卖|有|发|做|用)(?:过)?(?:假|仿|旧|二手|翻新|次品|劣质|水货)]],
            -- a counter-question: "怎么会有问题" "怎么会少呢" (but "怎么会这样" is surprise)
            [[(?:我们|我家|本店|这边|东西|货|质量)?{NC}{0,6}?怎么会(?:是|有|没|坏|错|少|假|发错|漏)(?!(?:您|你)的)]],
            [[(?<!如果|若|要是|假如|万一|只要)(?:这|那|这个)?(?:根本|压根|肯定|明显|本来)?(?:就)?不(?:是|属于|算|叫|构成|存在)(?:我们的?)?(?:质量问题|瑕疵|次品)(?!的话)|本来就(?:有|会有|会|容易|是这样|这样)|(?:睡|坐|躺|穿|用|戴|吃|喝|闻)(?:习惯|惯|久)(?:了)?就好(?:了|啦)?]],
            -- (heldout22) the complaint made everyone's lot: "别家的冰箱也一样" "每家都是这样的" "这个是
            -- 行业惯例" "跟我们的面霜真的没有关系"
            [[(?:别家|别人家|其他家|每家|家家|哪家)(?:的)?\p{Han}{0,4}?(?:也|都)(?:是)?(?:一样|这样|这个样)|行业(?:惯例|普遍|通病|常态)|(?:跟|和|与)我们(?:的)?\p{Han}{0,4}?(?:真的|根本|完全|一点)?(?:没有|没|无)(?:任何|什么|半点)?关系]],
            -- the customer's demand waved away: "没必要换吧" "没必要投诉吧"
            [[没(?:有)?必要(?:换|退|赔|补|投诉|差评|生气|计较|较真|这么|那么)]],
            -- (round 2026.12.7) the complaint belittled: "扣你20算少的了" "质量在同行里算好的了"
            -- "这已经便宜你了"
            [[算(?:少|便宜|客气|好|不错|良心)的了|(?:已经|都|算)?便宜(?:您|你)了]],
            -- (heldout25) the harm waved away or the goods vouched for against it: "不影响使用"
            -- "至于吗?" "有你说的这么夸张吗?" "别大惊小怪" "我们轮子承重测试都过了的" "发货前都点过数的"
            -- "没那么容易坏" "护肤品哪有一周就见效的"
            [[(?:色差|有味|异味|味道|声音|起球|掉毛|线头|褶皱|折痕)(?:是|很|挺|属于)?正常(?:的|现象)?(?=[,.!?~]|$)|也(?:能|可以)(?:玩|用|穿|吃|喝|睡|坐)(?=[,.!?~]|$)|以实物为准|属(?:于)?正常(?:情况|现象)?|(?:都|从来)?没(?:有)?出现过[^,.!?]{0,8}?(?:的)?(?:情况|问题)|不影响(?:使用|里面|效果|吃|穿|用|食用|口感)|至于吗|大惊小怪|根本看不出(?:来)?|(?:测试|检测|质检|检验|抽检)(?:都|全)?(?:过|通过|合格)了?的?(?=[,.!?~]|$)|(?:点|数|称)过(?:数)?的(?=[,.!?~]|$)|点过数|没(?:有)?(?:那么|这么)容易(?:坏|断|裂|漏|掉|破|褪|烂|坏掉)|哪有\p{Han}{0,6}?就\p{Han}{1,4}的]],
            -- "这很正常" "跟我们的质量没关系" "应该不会吧，我们都检查过的" "您下单选的就是红色"
            [[(?:是|属于|算|很|挺)正常(?:的|现象)?(?:呀|啊|嘛|哦|呢|啦|哈|的呀)*(?=[,.!?~]|$|{SMILE})|(?:^|[,.!?])(?:这|这个|那)?正常(?:的|现象)(?:呀|啊|嘛|哦|呢|啦)*(?=[,.!?~]|$|{SMILE})|(?:跟|和|与)(?:我们|产品|商品|东西|质量|我们的?(?:产品|质量|东西))(?:的)?(?:质量)?(?:没有|没|无)(?:任何|什么|半点)?关系|(?:应该|肯定)不会(?:吧|的)|(?:我们|这边|仓库)(?:都|每单|每一单|每件)?(?:是)?(?:有)?(?:检查|检测|质检|称重|核对|验)(?:过|记录)|(?:您|你)(?:之前|一开始|刚开始|刚才|当时|最开始|下单时|下单的时候|下单)(?:说|选|拍|要|写|填)的(?:就)?是]],
          },
          -- the customer asserted it (a question such as "质量怎么样" or "会不会坏" asks for
          -- exactly this answer); "normal", and how to make it better, explains (heldout35: "这个
          -- 是正常的哈，炸完开窗通通风…也会好很多")
          when = {customer = {[[{CLAIMED}]]}, unless_customer = {[[{ASK}]]}},
          unless = {[[(?:担心|顾虑|疑虑|疑问|怀疑|不信|着急|生气|心情|感受|想法|介意|纠结|犹豫|选择困难|难选|拿不定主意|喜好|喜欢|口味|偏好|习惯|审美)(?:{NC}){0,3}?(?:很|挺|是|也|都)?(?:正常|可以理解)|{SOFTENED}|可能|建议|(?:太|很|真|挺)(?:难受|闹心|糟心|心疼|遭罪)(?:了)?|免费(?:校准|维修|检测|换新?|补发|上门)|给(?:您|你)约|上门(?:检测|维修|查看)|的话[^,.!?]{0,8}?(?:换|退|补|修)|可以先|货比三家|随时(?:回来)?找我|(?:会|能)(?:好|散|淡)(?:很多|多了)|(?:就|会)(?:散|淡|没)(?:了|掉)|通(?:通|一下|下)?风]]},
        },
        unless = {[[(?:您|你)(?:说|讲)(?:的|得)(?:对|没错|有道理|很对)]]},
      },
    },
    {
      id = "interrogation", name = "质问客户", kind = "violation", category = "attitude",
      source = "001 不要直接質問客戶",
      quote = "您為什么不信任我們?您憑什么認為我們的產品不是正品?",
      explain = "不要用“凭什么、为什么不”这样审问的口气和顾客说话，这最伤顾客的感情和自尊。",
      avoided = "没有质问客户",
      -- a question that serves the customer is no cross-examination: asking what they need
      -- (003 了解需求), for a photo to put things right (002 请求凭证), whether to add or
      -- confirm something, or offering a choice, or asked beside a promise to see it through
      -- ("…我们一样负责到底,您看是遇到什么情况了呢?"). The model's verdict gives way to those; the
      -- patterns below keep firing on 凭什么, demands for proof and the rest. (An apology does
      -- not soften a doubt: "非常抱歉，您确定是收到就坏的吗？" is still one.)
      model_unless = {"needs_discovery", "evidence_request", "confirm_order", "related_sale",
                      "two_choice_close", "concrete_solution", "escalate",
                      "take_responsibility", "reassure"},
      -- nor is a guess at the cause asked with a step to try ({TRYFIX})
      -- nor is a polite question about the order or its use asked on the way to an answer
      -- ("您是今天拍的吗？" to "什么时候发货", "请问您一次放了多少食材？")
      never = {[[{TRYFIX}]],
               -- nor a reply that ends by offering help ("…有什么能帮您的？")
               [[(?:有什么|还有什么|有啥)(?:能|可以|需要)?(?:帮|为)(?:您|你)(?:的|做的)?(?:吗|呢)?[?~]*$]],
               [[^(?:请问|亲|亲亲)?[,.!~]*(?:您|你)?(?:是)?(?:今天|昨天|前天|几号|哪天|什么时候)(?:拍|下单|付款|买)的(?:吗|呢|呀)?\??$]],
               [[^(?:(?:亲|亲亲|您好|你好)[,.!~]*)?请问(?!.*(?:凭什么|凭啥|证据|证明|说实话|确定|到底|为什么|为啥|干嘛|怎么不|怎么没|没看|不看|谁|都(?:做到|做了|注意|试过)|(?:您|你)(?:说|讲)(?!的|得)\p{Han}{1,8},|怎么判断))[^!]*\?$]]},
      detect = {
        -- (heldout32) the complaint taken up and the customer cross-examined on it, however polite
        -- the shell: "您说粉质粗,是跟哪一盒比较的?" "您说遮不住,那您是用手指还是刷子上的?" "这些您都
        -- 做到了吗?" "您怎么判断真的粉质是细的呢?" "您为什么一看到便宜就觉得有问题呢?"
        {any = {[[(?:您|你)(?:说|讲)(?!的|得)\p{Han}{1,8},(?:那)?(?:您|你)?[^?,.]{0,16}\?|(?:这些|这几点|这几个|这几样)(?:您|你)?都(?:做到|做了|注意|试过)(?:了)?(?:吗|嘛)|(?:您|你)(?:是)?(?:怎么|如何|凭什么|凭啥)(?:判断|知道|确定|断定|看出)(?!的话)[^,.!?]{0,12}\?|(?:您|你)为(?:什么|啥)一(?:看到|听到|收到)?\p{Han}{0,4}就]]}},
        -- round 2026.12.6 (heldout21): the customer made to account for their own choice ("您不
        -- 喜欢为什么要拆呢?" "您为什么不核对一下呢?"; but "为什么不试试大一码呢?" suggests), to prove a complaint before anything is done
        -- ("得拍个开箱视频证明…" "不拍对比图我们怎么知道…" "先说清楚再说"), or met with a barrage of
        -- bare questions ("你开的几档?窗户开了没?烟管多长?")
        {
          any = {
            [[(?:您|你)[^,.!?]{0,6}?为(?:什么|啥)(?:要|不(?!(?:先)?(?:试试|试一下|考虑|看看|选|买|来))|没|还)[^,.!?]{1,10}?(?:呢|啊|呀)?\?]],
            [[(?:得|要|需要|必须)(?:先)?(?:拍|提供|出示|拿出|录)[^,.!?]{0,8}?证明|不(?:拍|发|提供)[^,.!?]{0,6}?(?:我们|我)(?:怎么|咋)(?:知道|判断|确定)|先(?:说|讲)清楚(?:了)?再]],
            [[^(?!.*(?:请问|麻烦|帮(?:您|你)|我(?:来|帮|给)|亲|您好|方便|{SORRY}))(?:[^,.!?~]{1,12}\?){3,}]],
          },
        },
        -- (heldout22) what the customer did asked as a charge, with the verdict already given and
        -- nothing offered: "你打开看了吗?里面没坏退什么款" "你自己装的吧?螺丝没拧紧当然晃" "你开缸
        -- 养水了吗?…很正常,不包" ("您是不是…了？…当然会…" the writers call blame alone)
        {
          any = {
            [[(?:您|你)(?=[^,.!?]{1,24}+\?)(?:们)?(?:(?:是怎么|怎么|按|自己|[^,.!?]{0,8}?的时候)[^,.!?]{0,14}?(?:吗|了|的|过|没有|没|吧|呢)?|(?!是不是)[^,.!?]{1,10}?了(?:吗|没有|没))\?]],
          },
          -- the verdict, anywhere in the reply (a guard keeps the question cheap on a long paste)
          all = {
            [[当然|肯定|不可能|没问题|不退|不换|不赔|不补|不包|很正常|正常现象|怪谁|没关系|用法问题|操作问题|检测过|退什么|赖|不会(?:坏|漏|断|晃)]],
          },
          unless = {[[{SOFTENED}|{TRYFIX}|试试|试一下|我(?:来|帮|给)|可以(?:先|帮|给|换|退)]]},
        },
        {any = {
          [[凭什么|凭啥]],
          [[(?:你|您)确定(?!(?:要|好|选|买)?(?:哪|什么|几|要不要|买不买))(?:你|您)?{NC}{0,8}?了(?:吗|嘛|么)|(?:您|你)倒是说|(?:问|打听)(?:这个|这些|那个|这|这么细|那么细|这么多|那么多|这么清楚)?(?:干什么|干嘛|做什么|有什么用|想干嘛)]],
          [[(?:您|你|你们|您们)(?:到底)?为(?:什么|啥|何)(?:就|还|老|总|总是|老是|一直|非要|偏要|硬要)?(?:不|要|就|非得)?(?:信|相信|信任|买|说|觉得|认为|怀疑|要|投诉|给差评|差评|不满意|乱说|质疑|不看|没看|不早说|不问|问|纠结|砍价|讲价|计较|这么(?:说|想|认为)|这样(?:说|想|认为))]],
          [[(?:您|你)(?:有)?(?:什么|啥|哪门子)(?:证据|依据|根据|凭据)|(?:您|你)(?:的)?(?:证据|依据)(?:呢|在哪)|谁(?:跟您|跟你|告诉您|告诉你|和您|和你)?说(?:的|我们)|(?:您|你)听谁说的]],
          [[(?:您|你)到底(?:买不买|要不要|想怎么样|想干嘛|想怎样|要怎样|要怎么样|什么意思|想干什么|想要什么)|(?:您|你)(?:想|要)(?:怎么样|怎样|干嘛|干什么)(?:\?|啊|呢|$)|(?:您|你)(?:什么|啥)意思|(?:您|你)(?:还)?买不买(?:啊|了)?(?:\?|$)|(?:您|你)还要不要(?:啊|了)(?:\?|$)]],
          [[(?:您|你)怎么(?:知道|确定|就认定|证明|能说|敢说|好意思)(?:是|我们)?(?:假|有问题|不好|骗)?]],
          [[(?:您|你)(?:有)?(?:没有|没)(?:看|读)(?:过)?(?:详情|描述|说明)(?:啊|吗|\?)|(?:您|你)(?:看|读)(?:过)?(?:详情|描述|说明)(?:了)?(?:没有|没)]],
          -- "您自己签收的时候为什么不检查?" "您为什么不早点下单?" (but "为什么不试试大一码呢"
          -- is a suggestion)
          [[(?:您|你)(?:们)?(?:自己)?{NC}{0,10}?(?:为什么|为啥|怎么|干嘛)(?:不|没)(?:先|提前|当面|仔细|好好|早点|早)?(?:检查|验货|验收|验|拆开|看清|看(?!看)|量|注意|问|说|确认|早点|提前|下单|拍|付款)]],
          -- the customer must prove it: "您说这话要有根据" "有证据吗"
          [[(?:您|你)这是(?:在)?(?:威胁|要挟|吓唬)(?:我们|我)?(?:吗|嘛|么|\?)|理由呢|(?:您|你)为(?:什么|啥)(?:一定|非|非得|非要)要]],
          -- doubting the customer's word: "没截图我怎么知道是真的" "你确定少了?" "谁能证明"
          -- "那你说说标准是多少" "说清楚再说" (but "您确定要取消吗" confirms)
          -- "请提供相应依据，否则无法受理" "请您给出合理的解释" "您能证明…吗" "您真的申请了吗"
          [[(?:提供|给出|拿出)(?:相应|相关|合理|充分)?的?(?:依据|证据|解释)|(?:您|你)(?:能|能不能|可以)证明|(?:您|你)(?:真的|确定)(?:有)?(?:申请|付款|付|寄|退|收到|下单|拍|买|联系|打)(?:了|过)(?:吗|嘛|么)]],
          [[(?:我|我们)怎么知道(?:是不是|是|你|您)?(?:真的|真)|没(?:有)?(?:照片|截图|视频|图|凭证)(?:的话)?(?:说什么|说啥)?(?:都)?没用|没(?:有)?(?:照片|截图|视频|图|凭证)(?:我|我们)?怎么(?:知道|确定|判断|信|证明)|谁能证明|(?:拿|用)什么(?:来)?证明|(?:您|你)确定(?!要|取消|下单|购买|申请|一下|好)(?:{NC}){1,10}\?|那(?:您|你)(?:倒是?)?(?:说说|讲讲)|(?:您|你)倒(?:是)?(?:说说|讲讲)|说清楚(?:了)?再说|(?<!我)先(?:说|讲)清楚(?:再|[.!?]*$)|我倒(?:是)?(?:要)?(?:看看|瞧瞧)|(?:看看|查查|核实一下|看一下|查一下)是不是真的]],
          [[(?:要|得|可要|可得)(?:有|拿出)(?:根据|证据|依据|凭据)|(?:有|拿出|拿得出)(?:什么)?(?:证据|根据|依据|凭据)(?:吗|嘛|么|没有|\?)]],
          -- (heldout28, 30) "你觉得可能吗?", a bare "理由" or "干嘛?", "你怀疑什么", "您要发票做什么用?"
          -- (but "您主要是拿来做什么用呢?" asks about their needs), "你自己心里没数吗", "你没看吗?"
          -- (heldout26, spaced clauses and no question marks) "说清楚" as an order, "拿证据来", "你咋知
          -- 道没发", "你要咋证明才信?", "专柜你去过?", "您的意思是我们卖二手的?", "谁跟你说好了?",
          -- "问这个干啥"; (heldout29) "你拍的是我们家的红枣吗?" "不拍照谁知道你是不是真少了"
          [[(?:您|你)觉得(?:可能|合理|行)(?:吗|嘛)\?|^理由(?:呢)?[?.!]*$|^(?:干嘛|干啥|干什么)[?!.]*$|(?:您|你)怀疑(?:什么|啥)|(?:您|你)要(?:发票|收据|票|凭证|证明|记录)(?:做什么用|干什么用|干嘛用|做什么|干什么|干嘛)|心里没(?:有)?数(?:吗|嘛)$|(?:您|你)(?:都)?(?:没|没有)(?:看|读)(?:过|到)?(?:吗|嘛|么)\?|谁知道(?:您|你)(?:是不是|是否)(?:真|说)|(?:您|你)(?:拍|买|收到)的(?:是|真是)(?:我们|我)(?:家|店)的(?:\p{Han}{1,4})?(?:吗|嘛)\?|(?:^|[,.!?])(?:您|你)?(?:先)?(?:说|讲)清楚(?:点)?[.!?]*$|拿(?:出)?(?:证据|凭证|证明)(?:来|出来)|(?:您|你)咋知道|(?:要|得)(?:咋|怎么|怎样)(?:证明)?才(?:信|相信|肯信)|\p{Han}{2,4}(?:您|你)(?:去|见|用|买|吃)过(?:吗|嘛)?\?|(?:您|你)的意思是(?:说)?(?:我们|我)|谁(?:跟|和|给)(?:您|你)说好|(?:问|打听)(?:这个|这些|这么多|那么多)?干啥]],
        }},
        -- the customer made to account for it before anything is done: "您得先说清楚，我们不能
        -- 随便补发" "您先把这些交代清楚，我们才能判断" "您一条一条列出来" (but "麻烦您说一下具体
        -- 情况，我帮您处理" asks on the way to help)
        {
          any = {[[(?:您|你)(?:得|必须|要|先|得先|必须先|要先)(?:把(?:这些|话|情况|问题|事情|经过)?)?(?:说|讲|交代|解释|列|写)(?:清楚|明白|出来)|(?:您|你)?一条一条(?:地)?(?:列|说|写)]]},
          unless = {[[{HELPS}|马上|立刻|方便(?:的话)?|麻烦(?:您|你)]]},
        },
        -- after a complaint, a question that makes the customer account for what they did not
        -- do: "签收的时候您没点件数吗?" "拍之前没对照一下吗?" "说明上写着呢，您没看吗"
        -- "滤网多久没洗了?" (001 不要直接質問客戶)
        {
          any = {
            [[(?:您|你)?(?:都)?(?:没|没有)(?:看|点|对照|对比|检查|量|核对|确认|注意|读|问|验)(?:一下|下|过|清楚|仔细)?{NC}{0,4}?(?:吗|嘛|么)(?:\?|$)]],
            -- (heldout25) "买之前不看尺寸参数的吗?" "宝宝多重您心里没数吗?" "现在来问我们?" (but "您不看看
            -- 别的款吗" suggests)
            [[(?:之前|前|时候)(?:都|也)?不(?:先)?(?:看|量|查|问|对照|核对)(?!看|一下|下)[^,.!?]{0,8}?(?:的)?(?:吗|嘛|么)\?|心里没(?:有)?数(?:吗|嘛)?\?|(?:现在|这会儿|现在才|才)(?:又)?来(?:问|找|说)(?:我们|我)?(?:了)?\?]],
            [[多久(?:没|没有)(?:洗|清理|清洗|换|保养|擦|除垢)(?:过)?(?:了)?\?]],
            -- (heldout28) "你数清楚了没有?" "收货那会儿你检查了没有" "您寄出去前包好了没有?" "你手机开没开机?"
            [[(?:您|你)[^,.!?]{0,8}?(?:数|检查|查|看|量|核对|包|试|找|验)(?:清楚|好|过|一下)?了?没(?:有)?(?:\?|$)|(?:您|你)\p{Han}{0,4}?(\p{Han})没\g{-1}\p{Han}{1,2}\?]],
          },
          when = {customer = {[[{CLAIMED}|用不了|不能用|漏|只剩|只有]]}},
        },
      },
    },
    {
      id = "blame_customer", name = "指责顾客", kind = "violation", critical = true, category = "attitude",
      source = "002 客服应该避免的几种情况",
      quote = "言语措词恶劣或欠妥,攻击或损伤顾客",
      explain = "不能指责、嘲讽或攻击顾客，哪怕问题确实出在顾客身上，也要委婉说明。",
      avoided = "没有指责顾客",
      -- a question about what happened asked on the way to a remedy is diagnosis, not blame
      -- and a reply that offers the customer their choice ("您是要三人位还是四人位呢?") or makes a
      -- promise (overpromise judges that) is none, nor one that gives way on the price
      -- (discount_offer judges that: "老顾客当然要照顾，给您便宜15块吧"; heldout36)
      model_unless = {"concrete_solution", "escalate", "two_choice_close", "overpromise", "empathy",
                      "discount_offer"},
      -- sarcasm wraps its blame in praise or an apology ("呵呵，您真有眼光…", "是是是，都是我们的
      -- 错"): neither counts where the reply blames the customer
      -- "运费谁出？" asks who pays: "非质量问题来回运费是您自己出" answers it, the model does not
      -- read blame into it (the patterns still do: "你自己拍错的，运费你出")
      model_when = {
        unless_customer = {[[谁(?:出|付|承担|负责|来出|来付)|(?:运费|邮费)[^,.!?]{0,6}(?:怎么算|算谁的|谁的)]],
                           -- a customer who is satisfied and thanks the agent: a tip for next time
                           -- is advice after the problem is solved ("换的新裤子收到了，这次大小刚好，
                           -- 谢谢你啊" → "下次选码先对一下尺码表哦~"; heldout29)
                           [[^(?!.*(?:{COMPLAIN}|{CLAIM}|但是|可是|不过|还是))(?=.*(?:谢谢|感谢|多谢|刚好|正合适|很合适|满意|太好了))]]},
      },
      cancels = {"praise_customer", "apology", "empathy", "take_responsibility"},
      -- take it or leave it names no fault of the customer's: a cold reply (cold_reply), not
      -- blame ("嫌贵就别买" "不想要可以不买"; but "买不起就别看了" mocks their means)
      -- nor is a warning about other shops that speaks of customers in general ("到头来是顾客
      -- 自己吃亏", 002's own answer to a haggler)
      never = {[[^(?:[^,.!?]*[,.!?])?(?:您|你)?(?:要是|如果)?(?:嫌贵|觉得贵|不想要|不想买|不喜欢|看不上)(?:的话)?(?:就|那就|可以)?(?:别|不要|不用|可以不)(?:买|要|拍)(?:了)?(?:吧|呗|哦)?[.!~]*$]],
               [[(?<!您|你)(?:顾客|买家|消费者|买的人)(?:自己)?(?:吃亏|上当|受骗|被坑)]],
               -- nor is a guess at the cause asked on the way to fixing it ({TRYFIX})
               [[{TRYFIX}]],
               -- nor a reply that clears the customer ("不是您的问题哦，刚才支付系统在维护" "…和您
               -- 填写的是一致的哦，不是您的问题"), in any stage
               [[(?:^|[,.!?~])(?:(?:{YOU}|您好|你好)[,.!~]*)?(?:这|这个|这次)?(?:真的)?(?:不是|并不是|不怪|不一定是|未必是|不见得是)(?:您|你)(?:的)?(?:问题|错|责任|操作的问题)?(?:哦|呢|哈|啦|呀)?(?=[,.!~])]],
               -- nor steps given for "how do I…?" ("您先把牛排解冻…然后…最后…就可以了"), unless the
               -- steps come with a reproach
               [[^(?=.*?(?:先|首先|第一步))(?=.*?(?:然后|接着|再(?!来|问|说)))(?=.*?(?:最后|就可以|就行|就好|就不会))(?!.*?(?:当然|怪|常识|都不会|不会吗|自己没|没看|早说|下次|应该|本来就|都是没|自己(?:操作|弄|看|查)))]],
               -- nor a haggler teased and then offered something instead, 002's 三明治 ("哈哈您真会砍价~20块
               -- 确实改不了呢,不过我可以帮您备注优先发货"; heldout28)
               [[(?:您|你)(?:可)?真会(?:砍|讲|还)价[^.!?]*?(?:不过|但是)[^.!?]*?(?:帮|给|送|可以)]],
               -- nor one where the agent takes the fault ("推荐时没多问一句您会不会闷痘,是我考虑不周")
               -- (but "是是是，都是我们的错，您最对了" is sarcasm)
               [[^(?!.*(?:是是是|行了吧|最对|呵呵|行行行|好好好))(?:.*?[,.!?~])??[^,.!?~]*?(?<!不|不是|并不是|如果|若|要是)(?:是|这是|确实是|都是)(?:我们|我|我这边|我们这边)(?:的)?(?:失误|疏忽|考虑不周|考虑得不周到|没考虑周全|没问清楚|没说清楚|没讲清楚|的错|不对)]],
               -- nor one that opens by thanking the customer for their care ("谢谢您买之前认真看
               -- 评价")
               [[^(?:(?:{YOU}|您好|你好)[,.!~]*)?(?:谢谢|感谢|多谢)(?:您|你)(?:的)?(?:买之前|下单前|提前|认真|仔细|耐心|细心|提醒|反馈|理解|支持|信任)]]},
      detect = {
        -- round 2026.12.6 (heldout21: blame inside a polite reply): what the customer should
        -- have known or done ("买的时候就该知道的" "您订的时候应该多留点时间" "您看清楚再问呀"),
        -- the fault put on their handling or senses ("您肯定是装反了" "是您测量姿势不标准" "是您
        -- 鼻子的问题啦"), "why didn't you" ("您为什么不核对一下呢"), "nobody forced you" and
        -- "you are an amateur"; with the problem taken up and put right it is advice, not blame
        {
          any = {
            [[(?:买|拍|订|下单|充值|付款|购买)(?:的)?(?:时候|之前|前)(?:您|你)?(?:就|早就|本来就)?(?:应该|应当|该|得)(?:先)?(?:多)?(?:知道|想好|想清楚|考虑清楚|看清|看清楚|问清|问清楚|留|核对|注意)]],
            [[(?:提醒|告诉|说)(?:过)(?:您|你)(?:了)?(?:要|得)?(?:考虑清楚|想清楚|看清楚|想好|核对|注意)|看清楚(?:了)?再(?:问|说|来|拍|买)]],
            [[(?:您|你)(?:肯定|一定|绝对|八成|多半|就)是(?:自己)?{NC}{0,4}?(?:错了|反了|不对|太久了|太急了|太用力了|没(?:装|放|穿|拧|插|按|看)(?:好|对|紧|清))]],
            [[(?<!不|不是|并不是|如果|可能|也许|不一定)是(?:您|你)(?:的|自己)?{NC}{1,6}?(?:反了|不标准|不规范|不正确|不到位|太久了|太急了|太用力了|太猛了)]],
            [[是(?:您|你)(?:的)?(?:鼻子|眼睛|眼神|视力|嘴|舌头|脑子)(?:的)?(?:问题|不好|不行)|(?:您|你)(?:的)?(?:视力|眼神|眼睛|鼻子|脑子)(?:不好|不行|有问题)]],
            [[(?:您|你)为(?:什么|啥)(?:当时|之前|事先)?(?:不|没)(?:先)?(?:核对|看|查|问|检查|验|确认|拒绝|看清|量|注意|仔细)]],
            [[又没(?:有)?(?:人)?(?:逼|强迫|求)(?:您|你)|(?:您|你){NC}{0,8}?(?:有点|太|真|就|很)外行]],
            -- (heldout22) "更新之前也不看看评价" "扫码不会吗?" "物流信息不会自己查吗?" "别什么都赖手机"
            -- "地址是你自己填的" "进水管是你们自己接的吧?" "你没仔细看我发的"
            [[(?:之前|前|的时候)(?:也|都)?不(?:先)?(?:看看|看一下|问问|问一下|查查|查一下|量一量|量一下|想想|想一想|检查一下)|\p{Han}(?:都)?不会(?:自己)?\p{Han}{0,2}(?:吗|嘛)\?|别(?:什么都|啥都|动不动就)(?:赖|怪|往)|是(?:您|你)(?:们)?自己(?:填|选|拍|写|点|下|买|装|接|弄|摔|拆)的|(?:您|你)(?:们)?自己\p{Han}{1,3}的,?(?:当然|肯定|那当然|那就)]],
            -- "是你贴的时候灰没除干净" "当初就不应该选这款" "您下单前自己没有仔细看" "下单之前如果有疑问
            -- 应该先问一下客服" "是您自己一直选周末才会约不到的"
            [[是(?:您|你)(?:们)?(?:自己)?[^,.!?]{0,4}的时候[^,.!?]{0,8}?(?:没|不|太)|(?:当初|当时|之前)(?:就)?(?:不应该|不该)(?:选|买|拍|订|下单)|(?:您|你)[^,.!?]{0,6}?(?:自己)?没(?:有)?(?:仔细|认真|好好)(?:看|读|听)|(?:之前|前)[^,.!?]{0,8}?(?:应该|应当|该)(?:先)?(?:问|看|查|量|想)|是(?:您|你)自己[^,.!?]{1,8}?才]],
            -- (heldout23) "不能,常识。" "说话注意点"
            [[(?:^|[,.!?])(?:这是|这都是|基本)?常识(?:啊|吧|嘛|好吗)?[.!]*$|说话(?:注意点|注意一点|客气点|放尊重点)]],
            -- (round 2026.12.7) the cause laid on what the customer failed to do or cannot do: "是你
            -- 不会装" "是你充电器不行" "那是您自己没付成功吧" (but "不是您没看清" clears them)
            [[(?<!不|不是|并不是|如果|可能|也许|不一定|万一|未必)是(?:您|你)(?:们)?(?:的|自己)?{NC}{0,6}?(?:不会|不行|没(?:有)?(?!问题|关系|事|错))]],
            -- (round 2026.12.7) the act named as the customer's own doing: "自己充错的" "您自己机洗的"
            -- "改不了,自己下单时候填的" (but "是自己工厂生产的", "自己装的还是师傅装的?")
            [[(?:^|[,.!?])(?:是|这是|那是)?(?:(?:您|你)自己{NC}{1,8}?|自己{NC}{0,6}?(?:错|坏|弄|乱|没|不|以为|选|填|拆|洗|拖|要|拔|剪|装|用){NC}{0,4}?)的(?:啊|呀|哦|呢|嘛)?(?![^,.!?]*(?:还是|吗|\?))(?:[,.!~]|$)]],
            -- (round 2026.12.7) the customer's competence doubted: "你懂鞋吗?" "您是不是没吃过榴莲?"
            -- "你喝得出来吗?" "您见过正版长什么样吗?"
            [[(?:您|你)(?:真的)?懂(?:不懂)?\p{Han}{0,3}(?:吗|嘛|么|不)?\?|(?:您|你)(?:是不是|是)?(?:根本|压根)?(?:没|没有)(?:吃|喝|用|见|穿)过\p{Han}{0,4}(?:吧|吗)?\?|(?:您|你)(?:喝|吃|看|闻|分|尝)得出(?:来)?(?:吗|嘛|么)|(?:您|你)(?:见过|知道)(?:正品|真的|正版|真货)(?:长)?(?:什么|啥)样]],
            -- (round 2026.12.7) mockery: "想得美" "破服务你还来买?" "那你去京东买啊,在这问什么"
            -- "您觉得贵说明您平时穿的都是便宜货吧"
            [[想得美|想的美|美得(?:您|你)|(?:您|你)(?:还|又)(?:来|跑来)(?:买|问|找)|在这(?:里|儿)?(?:问|叫|嚷|闹)(?:什么|啥)|说明(?:您|你)(?:平时|根本|压根|从来|就)]],
            -- the customer's own way of doing it named as the cause: "是你问得不清楚" "是您穿得太少"
            -- "那是您换得太不勤了" (but "不是您换得不勤" clears them)
            [[(?<!不|不是|并不是|如果|可能|也许|万一)是(?:您|你)(?:自己)?\p{Han}{1,3}得(?:不清楚|不对|不好|有问题|太)]],
            -- the usual cause stated as what customers get wrong: "一般不动都是没有按说明书对频"
            -- "一般都是没按编号装才以为少板" (a kind guess asks: "您是不是没对频?")
            [[(?:一般|基本|大多|多半|通常)(?:{NC}){0,6}?都是(?:您|你)?(?:自己)?(?:没(?:有)?(?:按|看|装|放|插|拧|对)|(?:装|放|插|用)(?:反|错))]],
            -- (heldout25) the customer made out to fuss: "别大惊小怪" "你也太心急了"
            [[大惊小怪|(?:您|你)(?:的)?(?:鼻子|眼睛|皮肤|嘴|舌头)?(?:也|真|可)?太(?:心急|敏感|挑剔|挑|较真|计较|娇气)了]],
            -- (heldout21, 22, 25) "便宜还不好?" mocks the customer's doubt
            [[便宜(?:还|也)不好(?:吗|嘛|么)?]],
            -- (heldout25) the cause put on the customer's person or things ("是您个人口味问题" "肯定是你
            -- 家插座有问题"), a guess that they mishandled it ("您买回来开了口没封好吧?"), their ask
            -- mocked ("三千多的沙发你还想砍三百?")
            [[是(?:您|你)(?:自己)?(?:的)?(?:个人)?(?:口味|体质|肤质|皮肤|习惯|身体|心理|个人)(?:的)?(?:问题|原因)|(?:肯定|一定|多半|八成|准是)是(?:您|你)(?:们)?(?:家)?(?:的)?\p{Han}{1,4}?(?:有问题|不行|坏了|太差|不好)|(?:您|你){NC}{0,8}?没(?:有)?(?:封|放|装|拧|插|盖|关|擦|洗|晾|收|泡)(?:好|紧|对|干|净|严)(?:吧|呢)?\?|(?:您|你)还想(?:砍|便宜|要|退|白)]],
            -- (heldout26, a young agent's register) mockery and the cause put on the customer's body
            -- or things: "垃圾你还买?" "你咋不去抢" "想啥呢" "吓唬谁呢" "你看不出来?" "你会分?" "不然谁
            -- 知道是不是你弄的" "你冲我吼有啥用" "是不是最近胖了" "你手机屏幕的问题吧"
            [[(?:您|你)(?:还|又)(?:来)?买(?:啊|呀)?\?|(?:咋|怎么)不去抢|(?<!在)想(?:啥|什么)呢|吓唬(?:谁|我|我们)|(?:您|你)看不出(?:来)?(?:吗|嘛|么)?\?|(?:您|你)(?:会|能)?分(?:得清|得出|辨)?(?:吗|嘛|么)?\?|不然谁知道是不是(?:您|你)|(?:您|你)(?:冲|对|跟)(?:我|我们)(?:吼|喊|凶|发火|发脾气|嚷)(?:有啥用|有什么用|也没用|干嘛|干啥)|(?:是不是|肯定是|就是)(?:最近)?(?:长)?胖了|(?<!不是|可能是|也可能是|或许是)(?:您|你)(?:家|们家|那边)?(?:的)?\p{Han}{1,4}(?:的)?问题吧]],
            -- (heldout27) sarcasm and scorn: "您想象力挺丰富的" "别自己吓自己" "你才水货" "不会扫就别扫
            -- 了" "跟你说了你也不懂" "你这逻辑也太随便了"
            [[想象力(?:挺|真|很|太|可)?丰富|别自己吓自己|(?:您|你)才\p{Han}{0,2}(?:水货|假货|a货|骗子|山寨|高仿)|不会\p{Han}{1,2}就别\p{Han}|(?:说|讲)了(?:您|你)也不懂|(?:您|你)(?:这|的)逻辑]],
            -- (heldout28) "接两根线都怕,那还买什么吊灯" "自己买大了自己担着" "没电梯那是你家的事" "别是把反
            -- 光当成气泡了" "这个价你还想要什么质量"
            [[那还(?:买|要|用)(?:什么|啥)|自己担着|那是(?:您|你)家的事|别是(?:您|你)?(?:把)?\p{Han}{1,6}当成|(?:您|你)还想要(?:什么|啥)]],
            -- (heldout29) "预算有限就买便宜的呗" "我们这个本来就不是给预算有限的人做的"
            [[(?:预算有限|钱不够|嫌贵|觉得贵)就(?:去)?买便宜的|不是给\p{Han}{1,6}的人(?:做|用|买|准备)的]],
            -- (heldout29) "你摸不出来而已" "不懂别乱比" "到你手里就缺口了?" "系统里就是你填的地址" "你穿去干嘛了"
            [[(?:您|你)(?:摸|看|闻|尝|分|听)不出(?:来)?(?:而已|罢了)|不懂(?:就)?别(?:乱)?(?:比|说)|不懂(?:就)?别乱|到(?:您|你)(?:手里|手上|这|那)(?:就)?\p{Han}{1,4}了\?|就是(?:您|你)(?:自己)?(?:填|写|选|拍|下)的|(?:您|你)(?:穿|拿|用)(?:去)?(?:干嘛|干什么|做什么)了]],
            -- (heldout30) "是你脚太宽了" "是你戴着去撞了吧" "爆了不能赖我们"
            [[是(?:您|你)(?:的)?\p{Han}{1,2}太(?:宽|胖|大|小|粗|细|重|多|长|短|肥|瘦)|(?<!不|不是)是(?:您|你)(?:自己)?\p{Han}{0,6}?(?:撞|摔|磕|碰|压|扯|泡|晒)(?:坏|了)|不能赖(?:我们|我)|别赖(?:我们|我)]],
            -- (heldout30) incredulity at the customer: "型号自己都能买错?" "保修卡都能丢?"
            [[\p{Han}{1,4}都能(?:买|拍|填|选|弄|搞|丢|看|装)\p{Han}{0,2}\?]],
            -- (round 2026.12.7) a threat against what the customer means to do: "你敢给差评我们就去
            -- 申诉" "您要是敢乱写我们就告您"
            [[(?:您|你)(?:要是|如果|真|再)?敢(?:给|打|写|乱|投诉|差评|曝光|举报|闹)]],
            -- "您对二手的要求太高啦" "别要求太高" "没钱就买便宜的"
            [[(?:要求|标准)(?:也)?(?:太|有点|过于|未免太)高|别要求(?:太|那么|这么)高|没钱(?:就)?(?:别|买|去|还)]],
          },
          unless = {[[没关系|不要紧|没事的|(?<!{=NOTDO})帮(?:您|你)|(?<!{=NOTDO})给(?:您|你)(?:改|换|退|补|申请|安排)|教(?:您|你)|我来|{SORRY}]]},
        },
        -- (heldout27) the rule for signing told after the damage, instead of help: "签收前记得先开箱检查哦"
        -- "下次签收前记得检查哦" (002: 先解决问题)
        {
          any = {[[签收(?:前|时|的时候)(?:记得|要|请|一定要|最好)?(?:先)?(?:开箱|验货|检查|当面)]]},
          when = {customer = {[[{CLAIMED}|漏]]}},
          unless = {[[{HELPS}|{REMEDY}|{SORRY}|补偿|不好意思]]},
        },
        {
        any = {
          -- "是您自己没看清楚" "这是你的问题" (but not "不是您的问题")
          [[(?<!不|并不|如果|若|要是|假如|万一|不会|可能|也许|不一定|未必|不见得)(?:是|都是|那是|这是|肯定是|就是|分明是|本来就是|还不是|全是|明明是|纯属)(?:您|你)(?:们)?(?:自己)?(?:的)?(?:问题|原因|责任|错|过失|不对|没看|没有看|不看|没注意|没仔细|不仔细|粗心|看错|选错|拍错|买错|用错|弄坏|搞坏|量错|操作不当|使用不当|不会用|不懂|没量|不小心|保管不当|马虎)]],
          -- "您自己没看清楚尺寸" "你自己弄坏的"; "自己选错型号了" (but not the agent's own "我自己看错了")
          [[(?<![我们若果是能许万或])自己(?:选错|拍错|买错|看错|量错|装错|用错|填错|写错|弄坏|搞坏|摔坏|弄丢|弄错)(?!了?(?:也|都)?没关系|的话|也不要紧)]],
          [[(?<!如果|若|要是|假如|万一|可能|也许|是不是|或许)(?:您|你)(?:们)?自己(?:的)?(?:问题|原因|责任|错|过失|不小心|粗心|马虎|没看|没有看|不看|看错|选错|拍错|买错|用错|弄坏|搞坏|不会用|不注意|没注意|没量|量错|没看清|没仔细)]],
          -- "这都不懂吗" "这都不知道"
          [[(?:这|这个|这些|这种|这点|连这)(?:都|也)(?:不懂|不知道|不会|看不懂|不明白|看不到|搞不清)]],
          [[(?:这么|这样|这种|如此)(?:简单|基本|容易|明显)的?{NC}{0,6}?(?:都|也)(?:不懂|不知道|不会|看不懂|不明白|看不到|搞不清|做不到)]],
          -- "肯定是没装好" "肯定是您用的方法不对": the customer's fault asserted
          [[(?<!不|如果|若|要是|万一|可能|也许)(?:肯定|一定|明显|分明|绝对)是(?:您|你)?(?:们)?(?:自己)?(?:没|没有|不会)(?:装|用|放|洗|保养|操作|看|量|注意|按说明)(?:好|对|清楚|仔细)?]],
          [[(?<!不|如果|若|要是|万一|可能|也许)是(?:您|你)(?:们)?(?:自己)?(?:的)?{NC}{0,6}?(?:方法|方式|操作|用法|使用|安装|保养)(?:不对|不当|有问题|错了|不正确)]],
          [[(?:你|您)才(?:是|骗|假|不懂|有问题)]],
          -- "是你自己组装的时候用力太猛了吧" "是你自己没收全吧": the fault put on what the
          -- customer did (but "是您自己用还是送人" asks, and names no fault)
          [[(?<!不|并不|如果|若|要是|假如|万一|不会|可能|也许|或许|是不是)(?:是|都是|肯定是|就是|分明是|明明是|还不是|应该是|估计是|多半是|八成是|一定是)(?:您|你)(?:们)?自己{NC}{0,14}?(?:没|不小心|不当|太|错|坏|猛|用力|磕|碰|摔|弄|搞|造成|导致|粗心|马虎|乱|忘|(?:选|买|拍|量|订|定)(?:小|大|少|多))]],
          -- "是你自己洗的时候用了热水吧": what the customer did then, put forward as the cause
          [[(?<!不|并不|如果|若|要是|假如|万一|不会|可能|也许|或许|是不是)(?:是|肯定是|应该是|估计是|多半是|八成是)(?:您|你)(?:们)?自己(?!用|穿|住|睡|买|要|选|挑|拿|看|决定){NC}{1,14}?(?:的时候|时){NC}{1,8}?吧(?=[,.!?]|$)]],
          -- "你自己洗坏的" "您自己摔裂的": the damage put on the customer's hands (but "如果是您
          -- 自己不小心摔坏的，也可以付费维修" is a condition)
          [[(?<!如果是|若是|要是|假如是|万一是|如果|若|要是|假如|万一|不是|并非|可能是|也许是)(?:您|你)(?:们)?自己(?:不小心)?(?:洗|弄|搞|摔|碰|磕|用|穿|泡|晒|烫|压|扯|拉|装|拆)(?:坏|破|裂|变形|缩水|掉色|花|断|烂)(?:的|了)]],
          -- "是您理解错了" "是你看错了"
          [[(?<!不|并不|如果|若|要是|假如|万一|不会|可能|也许|或许|是不是)是(?:您|你)(?:们)?(?:自己)?(?:理解|看|记|听|搞|弄|想|量|选|拍|买|填|写|装|用|算)错]],
          -- "这不能怪我们": the fault pushed back on the customer
          [[(?:不能|可不能|不该|别|也不能|怎么能|能)怪(?:我们|我|店家|商家|我家|本店|卖家)(?!吗|不好)|(?:怪|赖)(?:不着|不到)(?:我们|我|店家|商家)]],
          -- "您自己签收的时候为什么不检查?" "您为什么不早点下单?": a reproach for what the
          -- customer did not do (but "为什么不试试大一码呢" suggests)
          [[(?:您|你)(?:们)?(?:自己)?{NC}{0,10}?(?:为什么|为啥|怎么|干嘛)(?:不|没)(?:先|提前|当面|仔细|好好|早点|早)?(?:检查|验货|验收|验|拆开|看清|看(?!看)|量|注意|问|说|确认|早点|提前|下单|拍|付款)]],
          [[(?:您|你)自己{NC}{0,8}?(?:是不是|是否)(?:{NC}){0,6}?(?:用力过猛|弄坏|搞坏|装错|装反|用错|放错|操作不当|使用不当)]],
          [[(?:您|你)(?:的)?要求(?:也)?(?:太|过|有点)(?:高|多|过分)|(?:您|你)(?:也|真|这)?(?:太|真)(?:挑剔|能砍|会砍|难伺候|较真|计较|过分|挑)|得寸进尺|事(?:儿)?(?:真|太)多|就(?:您|你)事多|不会用就别|(?:您|你)(?:自己)?(?:没|没有|不)(?:按|照)(?:说明书|说明|步骤|要求){NC}{0,6}?(?:当然|肯定|才会|所以才|怪谁)|(?:您|你)(?:这|那|这个|这是|这就是|这就|就是|是|的)?(?:属于|算|是)?(?:人为损坏|使用不当|人为的)(?!的话|除外|不在|和|或|及|,?不属于|,?需要|,?要)]],
          [[关(?:你|您)(?:什么|啥|屁)事|(?:别|不要|少)(?:在这)?(?:乱说|胡说|瞎说|乱讲|胡说八道|瞎扯|乱扯)]],
          [[(?:您|你)(?:自己)?不会(?:看|用|装|查|读)(?:{NC}){0,6}?(?:吗|嘛|么|\?)|(?:现在|又|还|反倒)(?:来)?怪(?:我们|我|店家|商家)]],
          -- contempt and insults
          [[买不起(?:就)?(?:别|不要|不用)|不买(?:就)?滚|无理取闹|胡搅蛮缠|找茬|神经病|有病|脑子(?:有|进水|坏)|智商|没素质|素质(?:差|低)|没文化|不识字|眼瞎|瞎了|傻|笨蛋|白痴|穷(?:就|鬼)|活该|怪(?:谁|你自己|您自己)|谁让(?:您|你)|(?:您|你)(?:这种|这样的)(?:人|顾客|买家)|(?:您|你)(?:懂|会)不(?:懂|会)|(?:您|你)(?:是不是)?不识字|(?:您|你)(?:自己)?(?:不会|看不懂)(?:看|用)?(?:吗|嘛|么|啊)|(?:您|你)(?:是)?(?:故意|存心)(?:的|找)|想占便宜|贪便宜|穷讲究|事儿多|事真多|烦不烦|有完没完|别烦|滚蛋|滚出去|滚远点|(?:^|[,.!?])(?:你|您)?(?:给我)?滚(?:吧|啊|开)?(?:[,.!?]|$)]],
          -- sarcasm: "是是是，您最厉害" "您可真厉害" "您太敏感了" "你急什么"
          [[(?:^|[,.!?])(?:是是是|对对对|行行行|好好好)[,.!]?(?:您|你)|(?:您|你)(?:可真|还真|可)(?:厉害|行|能干|了不起|有本事)|(?:您|你)(?:也)?(?:太|真|真是)(?:敏感|多疑|小气|玻璃心|矫情)|(?:您|你)(?:这人|这个人)(?:怎么|咋|真)|(?:您|你)急(?:什么|啥)|(?:您|你)(?:懂|知道)(?:什么|啥)(?:叫|是)|(?:您|你)心里没(?:点)?数]],
          -- a reproach for how the customer talks: "说话客气点" "您这样讲话我们没法沟通"
          [[说话(?:放)?(?:客气|礼貌|尊重|文明|注意)(?:点|一点|些)|注意(?:您的|你的|一下)?(?:用词|措辞|言辞|素质)|(?:您|你)(?:这么|这样)(?:说话|讲话|骂人)(?:的话)?,?(?:我|我们)?(?:就)?(?:没法|没办法|不爱听|是不对的|不对|很难)|(?:您|你)(?:这么|这样)说(?:我|我们)?就不爱听|(?:您|你)说话(?:要|得|请)(?:负责任|讲道理|注意|客气|文明)|告(?:您|你)诽谤|(?:您|你)(?:这|这是|这就是|这叫|是在)(?:在)?(?:敲诈|勒索|讹人|碰瓷|找事)]],
          -- others manage: "别人都能装好的"
          [[(?:别人|人家|其他人|其他顾客|大家)都(?:能|会|可以)(?:装|用|穿|弄|搞|看|学)(?:好|上|会|明白|懂)?]],
          -- "您肯定是记错了" "您看错了" (but "您拍错了也没关系", "如果您拍错了")
          [[(?<!如果|若|要是|可能|也许|不|万一|不是|并非)(?:您|你)(?:们)?(?:自己)?(?:完全|根本|肯定|绝对|一定)?(?:是)?(?:量错|看错|记错|拍错|选错|填错|写错|买错|装错|用错)(?:了)?(?!也|没关系|的话|可以|吗|嘛|么|\?)]],
          [[(?<!不|并不|如果|若|要是|可能|也许)(?:是|那是|这是)(?:您|你)(?:自己)?(?:的)?(?:皮肤|体质|肤质|脚型|身材)(?:的)?问题]],
          -- "您地址填对了吗" "是你地址写得不清楚吧"
          [[(?:您|你)(?:的)?(?:收货)?(?:地址|电话|手机号|尺码|码数|型号|规格)(?:是不是)?(?:填|写|选|拍|量)(?:得)?(?:对|错|清楚|不清楚|不对)(?:了)?(?:吗|嘛|么|没|没有|吧)]],
          -- "买之前不看尺码表的吗" "那么大个二维码您没看见吗" "下次买之前记得先量好"
          [[(?:买|拍|下单|购买)(?:之前|前|的时候)(?:都|也)?(?:不|没|没有)(?:先)?(?:看|量|问|读|确认)(?:[^,.!?]){0,8}?(?:的)?(?:吗|嘛|么|\?)]],
          [[(?:您|你)(?:都)?(?:没|没有)(?:看见|看到|注意到|看过|看)[^,.!?]{0,10}?(?:详情|说明|描述|尺码表|二维码|页面|标签|参数|提示|公告)(?:[^,.!?]){0,6}?(?:吗|嘛|么)|(?:那么|这么)(?:大|明显)(?:的|个)?[^,.!?]{0,6}?(?:您|你)(?:都)?(?:没|没有)(?:看见|看到|注意到)]],
  [[(?:(?:您|你)(?:们)?(?:是不是|是否)(?:自己)?|是不是(?:您|你)(?:们)?(?:自己)?)[^,.!?]{0,6}?(?:选|拍|填|写|量|装|用|买|看|记|弄|搞|摔|碰|磕|洗|晒|泡|放|穿|扯|拉)(?:错|坏|反|小|大|丢|破|裂|变形)(?!.{0,10}?(?:没关系|不要紧|没事|帮(?:您|你)(?:改|换|处理)))]],
          [[(?:下次|下回)(?:买|拍|下单|购买)(?:之前|前|的时候|时)?(?:记得|要|一定要|可要|可得|得|务必|请)(?:先)?(?:量|看|问|确认|核对|注意|选)]],
        },
        },
        -- after a complaint, a question that puts the cause on the customer: "您是不是用铁铲了？"
        -- "是不是你自己把码数选小了？" "是不是摔过？" (but "请问是不是按照说明书装的呢" asks)
        {
          any = {
            [[(?:(?:您|你)(?:们)?(?:是不是|是否|有没有)(?:自己)?|是不是(?:您|你)(?:们)?(?:自己)?)(?:没|没有|忘了?|不小心)(?:按|仔细|看|盖|拆|装|注意|量|检查|拧|插|关|锁|放|打开)]],
            [[(?:您|你)(?:是不是|是否)(?:用|拿|跟|和|放|把|在)(?:了)?[^,.!?]{1,10}?(?:了|过)(?:吗|嘛|么)?\?]],
            [[(?<!请问|麻烦问下|想问下)是不是(?:摔过|摔了|磕过|磕了|碰过|碰了|泡水|泡过|进水|进过水|淋雨|淋过|暴晒|压过|压了)]],
          },
          when = {customer = {[[{CLAIM}|{COMPLAIN}]]}},
          -- asked on the way to putting it right it is diagnosis: "您是不是之前连过别的设备？…重置
          -- 一下再连，我在这陪您弄"
          unless = {[[{HELPS}|(?:陪|教)(?:您|你)|试试|试一下|再试|重置|我(?:这边|来)?(?:帮|给|陪|教)]]},
        },
        -- after a complaint, the cause laid on how the goods were used, washed, kept or opened,
        -- said as a fact and with no help: "正常使用不会这样" "羽绒服是不能水洗的呀"
        -- "摺痕是放的方式不对压出来的" "涂层就是这么刷掉的" "拆快递的时候要轻一点" "洗标上写得
        -- 清清楚楚" (002 攻击或损伤顾客: the customer hears "you did it"); with an apology or a
        -- remedy it is advice given while helping
        {
          any = {
            [[正常(?:使用|穿|用|洗|穿着|情况下|走路|睡)(?:的话)?(?:是|都|根本)?(?:不会|不可能|不至于)]],
            [[(?:是|应该是|估计是|一般是|多半是|肯定是|八成是|都是){NC}{0,8}?(?:用力|拉扯|暴晒|挤压|硬拉|硬拽|乱放|泡水|摩擦|高温|热水|烘干|机洗|水洗|暖气|钢丝球|硬物|尖锐)(?:{NC}){0,6}?(?:造成|导致|弄|搞|压|刷|拉|晒|洗|泡|烤|划|刮)(?:的|出来的)]],
            [[(?:放|洗|用|装|晒|存放|保养|清洗|收纳|使用|打开|拆)(?:的)?(?:方式|方法|姿势|手法)(?:不对|不当|不正确|错了|有问题)]],
            [[就是这么(?:弄|刷|洗|用|摔|晒|压|扯|搞|泡|烫|磨|刮)(?:坏|掉|破|断|裂|花|缩|变形|出来)?的]],
            [[(?:本来|本身)就(?:不能|不可以|不适合|不耐|怕|经不起)[\p{Han}]{1,6}|(?:是|都是)不能(?:水洗|机洗|暴晒|晒|泡|烘干|淋雨|进水|碰水|挤压|用钢丝球|拧|折)(?:的)?]],
            [[(?:拆|收|取|用|洗|穿|装|拿|搬)(?:快递|包裹|东西)?(?:的时候|时)(?:要|得|记得)(?:轻|小心|注意)]],
            [[(?:洗标|标签|说明书|说明|页面|详情页?|尺码表|吊牌|商品页)(?:上|里)?(?:都|也|早就)?(?:已经)?(?:写|标|注明|提示|提醒)(?:得|的|了|过)?(?:很|非常|特别|都)?(?:清楚|清清楚楚|明白|明明白白|着呢)]],
            -- what follows from the use, as a matter of course: "一直睡一个地方是会陷的"
            -- "机洗一甩肯定缩"; and the moment it happened guessed: "像是剪吊牌的时候剪到的"
            [[(?:当然|肯定|自然|是|就|才)会(?:陷|塌|坏|裂|缩|掉|变形|起球|发霉|生锈|发黄|结块|褪色|掉色|开胶|脱胶|断|漏|焦|皱|黄)(?:的|了|啊|呀)?(?=[,.!?~]|$)]],
            [[(?:像是|估计是|应该是|多半是|八成是|一看就是){NC}{0,10}?(?:的时候|时)(?:{NC}){0,6}?(?:弄|剪|刮|划|拉|扯|摔|碰|磕|压|晒|烫|洗|刷)(?:到|坏|破|伤|出来|掉)?的]],
          },
          -- a question ("会不会掉漆") asks for exactly this answer
          when = {customer = {[[{CLAIM}|{COMPLAIN}|{PROBLEM}|看不懂|不会|痕|印|洞|掉|化了|陷|塌|发黄|霉|锈|皱|结块|起球|开线|脱|漏|不保温|不热|不亮|卡住|变形|缩水|褪|黑烟|异响|响]]},
                  unless_customer = {[[{ASK}]]}},
          unless = {[[{SORRY}|{HELPS}|运输|快递(?:压|摔|弄|途中)|路上|理解|没关系|放心|(?:不|并不)(?:是|怪)(?:您|你)]]},
        },
        -- what the customer did (or left undone) makes what they report only natural: "开了封不
        -- 密封，不受潮才怪" "到了不马上拆开透气，能不蔫吗" "绑带都不系，吹跑了很正常": whatever
        -- words they used, the echo of them is the thing they told
        {
          any = {
            [[不{ECHO}才怪|能不{ECHO}(?:吗|嘛|么)|(?:都|也|还)?(?:不|没)(?:系|锁|关|盖|拧|插|收|放|看|拆|装|晾|擦|读|量|试|封|密封)(?:好|紧|上|开)?,?{NC}{0,6}?{ECHO}{NC}{0,3}?(?:很正常|正常的|不奇怪)]],
          },
          when = {customer = {[[.]]}, unless_customer = {[[{ASK}]]}},
          -- ({HELPS} would take "不马上拆开" for help)
          unless = {[[{SORRY}|(?<!{=NOTDO})帮(?:您|你)|(?<!{=NOTDO})(?:给|为)(?:您|你)(?:换|退|补|寄|发|处理|安排|申请|修)|理解|没关系|放心|(?:不|并不)(?:是|怪)(?:您|你)]]},
        },
        -- after a complaint, advice for next time given instead of help (002 攻击或损伤顾客;
        -- the issue's "'next time' advice given instead of help"): "下次买东西记得看一下规格"
        -- "以后洗的时候要注意水温" (but "已经给您补发了，下次收到记得先验货" helps first)
        {
          any = {
            [[(?:下次|下回|以后|往后)(?:再)?[^,.!?]{0,8}?(?:记得|要|一定要|可要|可得|得|务必|注意|别|不要|记住)(?:先)?(?:仔细|好好|认真)?(?:看|量|问|确认|核对|注意|选|小心|读|检查|轻拿|别)]],
          },
          when = {customer = {[[{CLAIM}|{COMPLAIN}|{PROBLEM}|太(?:短|长|薄|厚|硬|软|重|轻|紧|松|窄|宽|矮|高|难|小|大)|不会|不合适|用不了|坏|缩水|起球|褪|掉色|变形|塌|漏]]},
                  unless_customer = {[[{ASK}]]}},
          unless = {[[{SORRY}|{HELPS}|理解|没关系|已经(?:给|为|帮)]]},
        },
        -- after a complaint, the customer's competence mocked by comparison: "这个支架三岁小孩
        -- 都会装" "这个大家都知道的哦" (but "老人小孩都会用" answering a question sells, and
        -- "很简单，小孩都会装，我发视频教您" helps)
        {
          any = {
            [[(?:三岁|小孩|小朋友|小学生|孩子|傻子)(?:子)?都(?:能|会|可以|懂|知道|看得懂)(?:装|用|弄|操作|做|看)?]],
            [[(?:大家|谁|人人|一般人)都(?:知道|懂|明白|会)(?:的)?(?:哦|呀|啊|吧|呢|啦)?(?=[,.!?~]|$|{SMILE})]],
          },
          when = {customer = {[[{CLAIM}|{COMPLAIN}|{PROBLEM}|不会|不懂|看不懂|弄不|装不|打不开|挤不|用不了|太难]]},
                  unless_customer = {[[{ASK}]]}},
          unless = {[[{SORRY}|(?<!{=NOTDO})帮(?:您|你)|教(?:您|你)|(?<!{=NOTDO})(?:给|为)(?:您|你)(?:发|录|拍)|视频|理解|没关系]]},
        },
        -- wherever it stands: the customer's competence, patience or judgement run down
        -- ("这是基本的常识" "您要有点耐心" "您催也没用" "您这是瞎猜" "现在谁还没有…"
        -- "问半天也一样" "用几天就想看效果不现实" "是您一直要求不合理")
        {
          any = {
            [[(?<!小)(?:基本|生活|最基本的|洗衣|基础|起码)(?:的)?常识|(?:这|这是|这个|都是)(?:个)?常识(?:吧|啊|呀|嘛|问题)?(?=[,.!?]|$)]],
            [[(?:您|你)(?:要|得|也要|也得)(?:有|多)(?:点|一点|些)?耐心|(?:您|你)(?:再|一直|老|总)?催(?:也|了也|都)没(?:用|办法)]],
            [[(?:您|你)(?:这是|这|是|就是|别)?(?:在)?(?:瞎猜|瞎想|乱猜|脑补)|(?:您|你)?自己想象(?:的|出来)]],
            [[现在谁(?:还)?(?:不会|没有|不用|不知道)|(?:现在)?还有人不会|(?:这|这个|那)?有(?:什么|啥)(?:难|不会)的|(?:这|这个|这些|这点|连这)(?:都|也)(?:找不到|弄不好|装不好|学不会|用不来|分不清)]],
            -- sarcasm: "让您这位大忙人久等了" "没您那么闲" "好怕怕" "比我们的仪器还准"
            -- "十几块钱都不愿意出"
            [[(?:您|你)?(?:这位)?大忙人|没(?:您|你)(?:那么|这么)闲|好怕怕|(?:吓死|怕死)(?:我|宝宝)了|比我们的?(?:仪器|机器|专家|质检员?|设计师)还(?:准|懂|专业|厉害)|(?:{NUM})(?:块|元)(?:钱)?(?:都|也)不(?:愿意|舍得|肯)]],
            [[(?:问|说|催)(?:了)?(?:半天|几遍|多少遍|再多|多少次)(?:也|都)(?:一样|没用|没办法)]],
            [[(?:就想|就要|就指望){NC}{0,8}?(?:不现实|不可能)|(?:您|你)(?:的)?(?:要求|期望|想法)(?:太|有点|也太)?(?:不合理|不现实|离谱)|(?:是|都是)(?:您|你)(?:一直|总是|老是)?(?:要求|提|开)(?:的)?{NC}{0,4}?(?:不合理|太低|太过分)]],
            [[(?:^|[,.!?])(?:是)?(?:您|你)?自己(?:选|挑|拍|买|要|定)的(?:款式|颜色|尺码|款|码|东西)?(?=[,.!?]|$)|自己(?:选|挑|买|拍|要)的{NC}{0,6}?(?:就)?(?:别|不要|不能)(?:说|怪|抱怨|嫌|赖)]],
            -- hindsight held against the customer: "不喜欢当初拍什么" "早干嘛去了" "急用您不早点
            -- 买?" "下单时就应该检查好" "买床之前不量一下房间的?" (but "下次下单前可以先看看尺码表"
            -- after the problem is solved advises)
            [[当初{NC}{0,8}?(?:干嘛|干什么|干啥|怎么不|为什么不|为啥不|拍什么|买什么|选什么|要什么)|早(?:点|些)?(?:干嘛|干什么|干啥)(?:去了)?|(?:您|你)(?:怎么)?(?:不|没)(?:早点|早些|提前)(?:买|拍|下单|说|问)(?:呢|啊|呀)?\?|(?:急的话|急用)(?:就|您|你)?早(?:点|些)(?:买|拍|下单)(?:啊|呀|嘛|呗)]],
            [[(?:当初|当时|之前|下单(?:时|的时候|前|之前)|买(?:之前|前|的时候)|拍(?:之前|前|的时候))(?:您|你)?(?:就|早就|本来就)(?:应该|应当|该)(?:先)?(?:多)?(?:检查|看|量|问|想|考虑|核对|确认|选)|(?:买|拍|下单)[\p{Han}]{0,2}(?:之前|前)(?:都)?不(?:先)?(?:量|看|问|检查|核对|对比)(?:一下|一量|一看|清楚|好)?[\p{Han}]{0,4}?(?:的|吗|嘛|么)?\?]],
            [[(?<!下次|以后|下回)(?:拍|买|下单)(?:之前|前)(?:{NC}){1,10}?就(?:好|行|可以|没事)了|(?:签收|收货|拆箱|下单|购买|买|拍)的?(?:时候|前|之前)(?:为什么|为啥|怎么|干嘛)(?:不|没)|(?:那么|这么)[\p{Han}]{1,2},?能(?:不)?[\p{Han}]{1,4}(?:吗|嘛|么)]],
            -- "才用一周能看出什么" "喝过几年茶啊?" "您…都没跟我说，我怎么知道"
            [[才(?:用|穿|买|吃|戴|喝|敷|涂)(?:了)?{NC}{1,4}?(?:能|就)(?:看出|有)(?:什么|啥)|(?:喝|用|穿|买|玩|吃)(?:过|了)几年[\p{Han}]{0,2}(?:啊|呀)?\?|没(?:跟|和|告诉)(?:我|我们)说{NC}{0,6}?(?:我|我们)?怎么(?:知道|晓得)]],
            -- in office words: "是您安装顺序错了" "是你保养不好" "您稍微看一下说明书就会了" "这么显眼的地方都找不到吗"
            -- "这个应该算常识了吧" "家长平时要多上点心" "出现过敏也是可以预料的" "建议您先了解一下
            -- 咖啡的基础知识再来评价" "下次可别再忘啦"
            [[(?<!不|不是|并不是|如果|可能|也许|不一定)是(?:您|你)(?:的|自己)?(?:{NC}{1,6}?(?:错了|不对|有误|搞反了|弄反了|装反了)|(?:保养|使用|洗|穿|用|装|放|操作)(?:得|的)?(?:不好|不当|不对|有问题))|稍微(?:看|找|翻|查|留意|注意|动动脑|用点心|仔细)(?:一下|下|点)?{NC}{0,6}?就(?:会|能|知道|明白|发现|懂|看到)|这么(?:明显|显眼|清楚|简单)的(?:东西|地方|事|问题|步骤|提示)|算(?:是)?常识|(?:要|得)?(?:多)?上点心|长点心|(?:是|也是)?(?:可以)?预料(?:之中)?的|意料之中|先(?:了解|学习|学|搞懂|弄懂|研究)(?:一下)?{NC}{0,10}?再(?:来)?(?:评价|说|问|投诉|下结论)|下次(?:可)?别再忘]],
            -- "是你没买过好东西" "你没搞清楚" "你朋友懂什么"
            [[是(?:你|您)没(?:买|见|用)过(?:好东西|好的|世面)|(?:你|您)(?:自己)?没(?:搞|弄|看|问)清楚(?!的话|吗|\?)|(?:你|您)(?:的)?(?:朋友|家人|老公|老婆|同事)懂(?:什么|啥)(?=[,.!?]|$)]],
            -- the customer's question, memory or timing held against them: "这个真的需要问吗"
            -- "别是自己放哪忘了" "你自己拍晚了" "当时为啥不说" ("你哪只眼睛看到…" "你懂茶吗"
            -- make them prove themselves: interrogation)
            [[这(?:个|种|都)?(?:也|都|真的|还)(?:需要|要)(?:来)?问(?:吗|嘛|么|啊|呀|\?)|(?:别是|怕不是|八成是|多半是|肯定是)(?:您|你)?自己(?:放|弄|丢|拿|收|搞|忘|扔|落)|(?:您|你)自己(?:拍|买|下单|付款|选)(?:得|的)?(?:晚|迟|错|少)了|(?:当时|那时|那会儿?|收到(?:时|的时候))(?:为啥|为什么|怎么|干嘛)(?:不|没)(?:说|讲|问|提|反馈|联系|拍照|检查)(?!.{0,12}?(?:没关系|不要紧|没事|也可以|也行))]],
            -- the cause put on the customer as a certainty: "你肯定是让它进水了" "是你手机屏幕有
            -- 色差" (but "可能是您手机屏幕显示的差异" explains)
            [[(?<!如果|若|要是|万一|不)(?:你|您)(?:肯定|一定|绝对|八成|多半)(?:是)?(?:让|把|拿|自己)|(?<!可能|也许|或许|应该|大概|不|不是)是(?:您|你)(?:的|自己的?)?(?:手机|屏幕|电脑|显示器)]],
          },
        },
        -- the damage ruled the customer's doing: "这种属于人为划伤" "属于保养不当" (but "如果属于
        -- 人为损坏…" states the policy, and with help offered it is an explanation)
        {
          any = {[[(?<!如果|若|要是|假如|万一|只要|是否|不|并非|不是)(?:这种|这个|这)?(?:情况)?(?:属于|算|就是)(?:人为(?:损坏|划伤|划痕|造成|原因|的)|使用不当|保养不当|操作不当|安装不当|使用方法不对)]]},
          unless = {[[{HELPS}|(?:给|为)(?:您|你)(?:申请|换|补|修)|理解|不过|但是|可以(?:寄|帮|给|申请|付费|维修|修)|维修]]},
        },
        unless = {[[(?<!是)(?:不|并不)(?:是|怪)(?:您|你)|(?:不傻|傻傻)|(?:不能|不会|不该)怪(?:您|你)]]},
      },
    },
    {
      id = "harsh_refusal", name = "生硬拒绝", kind = "violation", category = "attitude",
      source = "003 解決異議；001 售後 即使是拒絕不可以強硬",
      quote = "即使是拒絕不可以強硬",
      explain = "拒绝顾客时要委婉，少用“不行、不可以、不对、没办法”等生硬的词，最好给出替代方案。",
      avoided = "没有生硬拒绝",
      -- a refusal that goes on to a way out ("不包邮哦，不过满99就包邮啦") is softened (003 解決
      -- 異議): what softens the patterns' refusals softens the model's too
      model_unless = {"offer_alternative", "small_gift", "concrete_solution", "apology",
                      "overpromise"},
      -- a refusal answers a request; "能机洗吗？" "能代替降压药吗？" ask what the goods bear or
      -- do, and "不能机洗哦，要冷水手洗" tells how to care for them: the model does not judge such
      -- answers (a reason given for the customer's sake, "为了保障您的资金安全", softens: {SOFTEN})
      model_when = {
        unless_customer = {[[(?:能|可以|可不可以|能不能)(?:直接)?(?:代替|替代|治|治疗|当作|当成|用来|用于|机洗|水洗|手洗|干洗|烘干|甩干|暴晒|晒|熨|放进|放冰箱|冷冻|微波|进微波炉|进烤箱|进洗碗机|上飞机|带上飞机|防水|下水|淋雨|泡|煮|蒸|给(?:宝宝|孩子|小孩|老人|孕妇|狗|猫)(?:用|吃|穿|喝)|空腹|长期)]]},
      },
      -- nor is a softened refusal, a limit after a concession ("那我给您改成2700，不能再少了哦")
      -- or "no need" ("不用另外买的，下单就自带运费险"), in any stage
      never = {[[{SOFTEN}]], [[(?:给|帮|为)(?:您|你)(?:便宜|优惠|少|减|包邮|免|打|改成|改到|改价|抹)]],
               -- nor a care instruction: "能机洗吗?" → "不可以机洗呢亲,…用吸尘器吸一吸…就好啦" (heldout28)
               [[(?:不可以|不能|不行|不建议|别)(?:直接)?(?:机洗|水洗|干洗|暴晒|晒|烘干|甩干|熨|漂白|泡|用热水)[^.!?]*?(?:就好|就行|就可以|用|建议|可以)]],
               -- nor the price policy as 002 answers a haggler ("价格是统一定的哈，这边改不了呢")
               [[(?:统一(?:定|定价|制定|规定)|没有(?:改价|议价|调价)(?:的)?权限)[^.!?]{0,12}?(?:改不了|不能改|没法改|不能少|少不了|不能便宜|便宜不了)]],
               [[^(?:{YOU}[,.!~]*)?(?:不用|无需|不需要)(?:您|你)?(?:另外|再|额外|单独|特意|专门)?(?:买|付|花钱|担心|着急|麻烦|等|操心|拍)]]},
      detect = {
        -- (heldout22) a bare refusal that closes the reply after a reason or a charge ("死了不包"): "…不是缺斤
        -- 少两,不补。" "九成新本来就有划痕…不退。" "…很正常,不包。" "地址是你自己填的…改不了。"
        -- "定做的没法加急,等着吧"
        {
          any = {
            [[(?<=[,.!?;])(?:那|所以|这个|这|\p{Han}{1,2}了)?(?:就|也|都)?(?:不退|不换|不补|不赔|不包|不管|不处理|不予处理|不退不换|改不了|退不了|换不了|补不了|赔不了|修不了)(?:的|了|哦|啊)?(?=[,.!?~]|$)|没法(?:加急|改|退|换|补|赔)(?=[,.!?~]|$)]],
            -- the way round it after the refusal ("…改不了哈，再加一双船袜就刚好包邮啦")
          unless = {[[再(?:加|买|拍)|凑|就(?:刚好|可以|能|行)]]},
        },
        },
        {
        any = {
          -- 不行 (but 行不行, 不行的话, 实在不行, 不行吗)
          [[(?<!行|如果|要是|万一|实在|真的|若|假如|还是|还|仍然|依然)不行(?!不行|的话|吗|嘛|么|就|也|啊\?|呢\?|\?|了的话|我|再|还|随时|您|你)]],
          -- 不可以 (but 可不可以, 不可以吗)
          [[(?<!可|如果|有什么|有啥|没什么|没有|没啥)不可以(?!吗|嘛|么|\?|的话|呢)]],
          -- 没办法 (but 有没有办法, 想办法); a bare "没法换," to a request; "要就拍，不要拉倒"
          [[(?<!有|想|总有|会有|都有)没(?:有)?办法(?!联系|确定|保证|及时|第一时间)|(?<!肯定|确实|也)没法(?:换|退|改|给|送|包邮|便宜|优惠)(?=[,.!~]|$)|不要(?:就)?拉倒]],
          -- flat no's to a price or policy request
          [[(?<!可|能|是否|会不会|会)不能(?:再)?(?:便宜|少|优惠|打折|降|改价|包邮|送|退|换|议价|讲价|还价|便宜了)(?!吗|嘛|么|\?|的话)]],
          [[不退不换|概不(?:退换|退货|议价|讲价|赊账)|不议价|不讲价|不还价|不包邮(?!的话|吗)|做不到|办不到|(?<!无法|不能)不接受|不同意|不给(?:退|换|便宜|包邮|优惠|改)|(?<!我|意|给)不给(?:您|你)(?:退|换|补|赔|改|便宜|包邮|优惠)(?![^,.!?]*(?:吗|\?))|不予(?:退|换|处理)]],
          -- (heldout26) "门都没有" "想都别想" "还退个啥" "剪了吊牌谁给你退"
          [[门都没有|没门儿?(?=[,.!?~]|$)|想都别想|(?:退|换|补|赔|送|便宜)个(?:啥|什么|屁)|谁(?:给|会给|能给)(?:您|你)(?:退|换|补|赔|送)]],
          -- (heldout28) "你给差评我们也不会退钱的" "无权也无义务" "送到楼下就不错了"
          [[(?:差评|投诉)[^,.!?]{0,4}?(?:我们)?也不会(?:退|赔|换|补)|无权(?:也)?无义务|(?:就|已经)(?:很)?不错了(?=[,.!?~]|$)]],
          -- a bare 不/不能 as the whole answer, or 不对 opening a reply
          [[^(?:不|不能|不会|不要|不用|不可能|没有优惠|没优惠|没得便宜|没折扣)[.!,~]*$]],
          [[^不对[,.!]|^不对$|^(?:不卖|不包|不跟|不换|不退|不能|不送|换不了|退不了)(?:[,.!]|$)|就是不(?:包|卖|退|换|给|送)]],
          [[(?:还想|还要)(?:退|换)(?:货)?(?:啊|呀)?\?]],
        },
        -- (a softener, and a limit after a concession, cancel it in every stage: `never` above)
        unless = {[[(?:运费|邮费)(?:是|要|为|需要|收)?(?:{NUM})|其他地区|偏远地区|以外(?:的)?地区]]},
        },
        -- a request answered by a rule, in office words, with nothing offered instead: "不提供分装
        -- 服务" "运费险退不了" "一律不补发" "不予重开" "本店不接受定制" "港澳台地区不发货" (a
        -- courtesy such as "感谢您的理解" is no alternative)
        {
          any = {[[(?:一律|概|均|都|也|本店|我们|店铺|平台)?(?:不会单独|不(?:提供|支持|接受|负责(?<!可不负责)|予|设|拆卖|单卖|单独|发货|补发|重开|分装|定制|刻字|退差价|退款|退换|退|换)|(?:退|改|换|发|寄|补|开|备注|修改|取消|送|拆)不了|管不了|没有这种|不属于(?:我们)?(?:的)?(?:服务|处理)?范围)]]},
          when = {customer = {[[能不能|能否|可不可以|可否|(?:我想|我要)(?:退|换|改|开|取消|补)|(?:能|可以|帮我|帮忙|麻烦|求求|请)[^.!]{0,24}(?:吗|嘛|\?|吧|好吗|一下)|^(?:帮我|麻烦|请)]]}},
          -- (beyond the softeners that cancel every stage, `never` above: another way, for now)
          unless = {[[{SORRY}|(?<!不)可以|改(?:为|成|用)|换(?:成|个)|(?<!{=NOTDO})给(?:您|你)(?:安排|补|换|退)|其他(?:款|方式|办法)|的话|暂时|目前]]},
        },
      },
    },
    {
      id = "cold_reply", name = "冷淡敷衍", kind = "violation", category = "attitude",
      source = "001 淘寶客服售前術語；001 不要用淡漠的語氣和顧客溝通",
      quote = "不能單獨只回一個字“在”",
      explain = "不能只回一个“在、嗯、哦”，也不能说“不知道、自己看”，顾客会觉得被冷落。",
      avoided = "没有冷淡敷衍",
      -- a promise, however rash, is not a cold reply (that is overpromise's to judge)
      -- a reply that offers something (a discount, a gift, a remedy, another item) pushes no one
      -- away
      model_unless = {"overpromise", "discount_offer", "small_gift", "concrete_solution",
                      "offer_alternative"},
      -- (heldout25) a customer who only reports a parcel sent back ("我已经寄回去了，单号发你了") is
      -- answered by "好的，知道了"; the same words to a complaint are cold, so only the model's
      -- verdict gives way, and only where the message states no problem and asks nothing
      model_when = {
        unless_customer = {[[^(?!.*(?:{COMPLAIN}|{CLAIM}|\?|吗|嘛|么|呢))(?=.*(?:单号|寄回|寄出|发你了|发给你了|已(?:经)?(?:寄|发)))]],
                           -- nor one who confirms ("地址没问题，就这样发吧"; heldout29)
                           [[^(?!.*(?:\?|吗|嘛|么|呢|但|不过|可是))[^.!?]{0,12}?(?:就)?(?:这样|这么)(?:发|办|定|拍)(?:了)?(?:吧|就行|就好)?[.!~]*$]]},
      },
      -- "是的" / "对的" answering a yes-or-no question is a whole answer, not a bare word
      -- and "稍等哈，我看一下" is someone at work on it
      -- and a short yes with the news after it ("发啦，下午刚走的") answers warmly enough
      never = {[[^(?:是的|对的|是滴|对滴|是呀|对呀)[.!~]*$]],
               -- a size named is an answer ("M码就行")
               [[^(?:[a-z0-9]{1,4}|均|大|小|中)码(?:就行|就可以|刚好|合适|正好|就好)?(?:的|啊|呀|哦|呢)?[.!~]*$]],
               [[^(?:发|到|已发|已到)(?:了|啦|的|哦|呢|哈)+[,.!~]+(?!.*(?:自己|随便|不送|爱|别))[^,.!?]{3,}]],
               [[^(?:好的|好|嗯|收到)?[,.!~]*(?:{YOU})?[,.!~]*(?:稍等|请稍等|您稍等|稍候|请稍候)(?:{PRT}|一下|下)*[,.!~]*(?:我|这边|我这边)(?:马上)?(?:帮(?:您|你))?(?:看|查|确认|核实|问)]]},
      detect = {
        -- round 2026.12.6 (heldout21): the work pushed back onto the customer however politely
        -- it is wrapped ("尺码表上都写着呢，对照一下就知道啦😊" "这个要问航空公司哦，我们这边不
        -- 清楚呢" "网上一搜就有啦" "您自己跟前台沟通一下呢" "别家便宜您去别家买呀"): 亲, 哦 and a
        -- smile change nothing; the answer given anyway, or help offered, does
        {
          any = {
            [[(?:详情页|页面|说明书|尺码表|参数表?|保养手册|常见问题|商品页|描述)(?:上|里|第\p{Han}{1,2}页)?(?:都|也)?(?:写着|写了|有写|列出来了|列着|有\p{Han}{1,4}(?=的))(?:的)?(?:呢|哦|啊|呀|哈)?[,.!~]*(?:您|你)?(?:先)?(?:自己)?(?:先)?(?:看看|翻翻|对照|对比|查查|看一下|翻一下|对照一下|就知道)]],
            [[(?:这个|这种|这些)?(?:问题)?(?:要|得|您得|你得|您要|你要)?(?:去)?问(?:航空公司|医生|厂家|航司|酒店|平台|银行)(?:哦|吧|呀|呢|哈)?[,.!~]*(?:我们|我|这边)(?:这边)?(?:也)?(?:不清楚|不知道|不懂|不管)|(?:网上|百度)(?:一|随便)?搜(?:一下|一搜)?就(?:有|知道)|(?:您|你)自己(?:跟|和|去找)\p{Han}{1,4}(?:沟通|协商|联系|说)|(?:别家|人家|他们家)(?:便宜)?(?:您|你)?(?:就)?去(?:别家|人家|他们家)买|不好(?:帮|替)(?:您|你)(?:选|决定|做决定)]],
          },
          unless = {[[(?<!不好|不能|没法|无法|不)帮(?:您|你)|我(?:来|这就|马上)?(?:查|看|问|联系|对照|算)|给(?:您|你)(?:发|截|查|推荐)|发(?:您|你)|不过|但是|一般|建议|推荐|稍等|马上]]},
        },
        -- the whole reply is a bare word (a smiley or 亲 after it makes it a different reply)
        {any = {[[^(?:自己)?(?:去)?(?:看|查)(?:一下|下)?(?:详情|描述|图|图片|介绍|说明|评价)(?:页)?(?:吧|呗|去)?[.!~]*$]], [[^(?:(?:在|在的|在呢|嗯|嗯嗯|恩|恩恩|哦|哦哦|噢|喔|额|呃|啊|没有|没|没了|不知道|不清楚|不晓得|随便|随便你|随你|都行|无所谓|知道了|晓得了)(?:[.!?~,]|了|的|啊|吧|呗)*){1,4}$]], [[^(?:有|能|行)[.!~]*$|^(?:是的,)?[^,.!?]{0,6}(?:没有|没货|卖完|停产)(?:了)?[.!~]*$|^(?:拍照|拍照片|拍个照|发图|发照片)[.!~]*$|^(?:说明书|详情页?|页面|图片|描述)(?:上|里)?(?:有|写了|有写|都有|写着|写的有)(?:的)?[.!~]*$]]}},
        -- (heldout31, 32) the matter waved off and the work handed back in everyday words: "这有啥好
        -- 问的" "有啥好投诉的" "没这个义务 自己打" "快递的事问快递" "要退全退 不退拉倒" "差评就差评"
        {any = {[[(?:有|还有)?(?:啥|什么)好(?:问|说|投诉|吵|计较|纠结)的|(?:^|[,.!?])(?:那)?(?:就)?自己(?:打|联系|去问|问|取|弄|搞)(?![^,.!?]*(?:吗|\?))|\p{Han}{1,2}的事(?:情)?(?:问|找)\p{Han}{1,3}(?=[,.!?]|$)|拉倒|(?:^|[,.!?])(差评|投诉|买了|退了|坏了|丢了|化了)就\g{-1}(?:吧|呗|了)?(?=[,.!?]|$)|没(?:有)?这个义务]]}},
        -- take it or leave it: the customer is dismissed, whatever surrounds it (not blame: it
        -- names no fault of the customer's)
        {any = {[[爱买不买|爱要不要|爱信不信|不买(?:就)?拉倒|不要(?:就)?拉倒|(?:不信|不相信|嫌贵|不喜欢|不满意|看不上|觉得贵|接受不了)(?:的话)?(?:就|那就|那|那您|那你)?(?:您|你)?(?:可以)?(?:别|不要|甭|不用|可以不|不)(?:买|拍|看|来|要)|(?:嫌贵|觉得贵|不信|不相信|不喜欢|不满意|看不上)(?:的话)?(?:就|那就|那)?(?:您|你)?(?:可以)?(?:去|到)(?:实体店|别家|别的店|别人家|其他家|线下|专柜|外面)(?:买|看|问)?|(?:那|那就|就)?(?:您|你)(?:就|可以)?(?:去|到|在)(?:实体店|别家|别的店|别人家|其他家|线下|专柜|外面|拼多多|京东|天猫)(?:买|看|问)?(?:啊|吧|呗|去)(?:[,.!?]|$)|(?:那|那就)?(?:您|你)(?:就)?(?:别|不要)买(?:了)?(?:吧|呗)?(?:[,.!?]|$)|(?:嫌|觉得)[\p{Han}]{1,2}(?:的话)?(?:就|那就)?(?:别|不要)买|(?:那是|是|那)(?:您|你)(?:自己)?的事|(?:您|你)(?:自便|随意|看着办)|(?:您|你)?随便(?:曝光|投诉|评|差评|您|你)|(?:您|你)(?:去|要|想)?投诉(?:就投诉)?吧|(?:差评|投诉|曝光)(?:我们)?(?:也)?不怕|我(?:怎么|哪)知道|我有什么办法|(?:^|[,.!?])(?:那)?(?:您|你)(?:就)?随便(?:吧|呗|啊)?(?:[,.!?]|$)|(?:您|你)慢慢(?:纠结|等)吧|(?:给|评|投诉|差评)了就(?:给|评|投诉|差评)了(?:呗|吧)|(?:您|你)自己(?:找找|找一下|问问|想办法)(?:吧|呗)?(?:[,.!?]|$)|(?:您|你)说是就是|多大点事|又不归我们管|又不能替|等着就行|别等了|问了也不会|(?:您|你)(?:要|非要)(?:这么|这样)(?:说|想)(?:的话)?,?(?:我|我们)(?:也)?没(?:有)?办法|自己(?:去)?(?:百度|查物流|查一下物流|看退换货须知|搜一下|搜)]]}},
        -- dismissive wherever it stands, unless the reply is warm around it
        {
          any = {
            [[(?:^|[,.!?])(?:我也|我)?不(?:知道|清楚|晓得)(?:啊|呢|耶|哦)?(?:[,.!?]|$)]],
            -- "图片里有成分，往下翻" "不知道，你问问别人"
            [[往下(?:翻|拉|滑)(?:一下|下|翻)?(?:[,.!?~]|就|$)|(?:你|您)(?:去)?问问别人|问别人吧]],
            -- (heldout30) "关我什么事" "没什么大不了"
            [[关我(?:什么|啥|屁)事|没(?:什么|啥)大不了]],
            -- (heldout29) "那你买国产的好了" "不是的话别来找我" "你觉得贵是你的事"
            [[(?:那)?(?:您|你)(?:就|去)?买\p{Han}{1,6}?(?:的)?好了(?=[,.!?~]|$)|别(?:来)?找(?:我|我们)(?=[,.!?~]|$)|(?:您|你)觉得\p{Han}{1,3}是(?:您|你)(?:自己)?的事]],
            -- (heldout28) "你说怎么办" "发哪个是哪个" "自己去订单里看" "你跟师傅谈,我这边插不上手" "你爱给就
            -- 给" "师傅又不是只给你一家装" "请您直接与当地物流网点联系协商处理"
            [[^(?:那)?(?:您|你)说(?:怎么办|咋办)(?:吧|呢)?[?.!]*$|(?:发|给|拿)(?:哪个|什么|啥)是(?:哪个|什么|啥)|自己(?:去)?(?:订单|后台|物流|详情页?|页面)(?:里|上)?(?:看|查|找)|插不上手|(?:您|你)(?:跟|和)\p{Han}{1,4}谈|爱(\p{Han}{1,2})(?:就\g{-1}|不\g{-1})|又不是(?:只)?(?:给|为|接待|服务)?(?:您|你)(?:一家|一个人|一个)|(?:您|你)(?:直接|自行)(?:与|和|跟)[^,.!?]{1,10}(?:联系|协商|沟通)]],
            -- (heldout26) the work handed back ("不可以 自己寄" "你拿尺子量一下不就知道了" "你自己定")
            -- and a complaint shrugged off ("你投吧" "投诉去呗")
            [[(?:^|[,.!?])(?:您|你)?自己(?:寄|弄|修|剪|装|买|量|找|查|处理|搞定|联系|下楼拿|去拿|去取)(?:吧|呗|回来|过来|去)?(?:[,.!?~]|$)|^(?:人多|在忙|忙)[,.!~]*(?:排队|等着)?[.!~]*$|(?:我们|我)只管(?:发货|卖)|问我(?:干嘛|干什么|有什么用)|(?:^|[,.!?])(?:您|你)(?:去)?投(?:诉)?(?:吧|呗|去)(?:[,.!?~]|$)|投诉去(?:吧|呗)?|不就(?:知道|清楚|明白)了(?:吗|嘛)?(?:[,.!?~]|$)|(?:您|你)自己(?:定|决定|看着办|拿主意)(?!的)]],
            -- (heldout25) the customer's hurry or question waved off: "你催我也没用" "别再讲了"
            -- ("催不了" the writers call a harsh refusal, "急什么" blame as often as cold)
            [[(?:您|你)?催(?:我|我们)(?:也)?没用|别(?:再)?(?:问|讲|说|催)了]],
            -- "不买的话请不要占用客服资源"
            [[(?:不要|别|请勿)(?:再)?占用(?:客服|我们|我)?(?:的)?(?:资源|时间)]],
            -- "快递放哪我们管不着" "不归我们管" "不会就百度"
            [[管不着|不归(?:我们|我|咱们)管|(?:自己|不会就|不懂就|(?:您|你)?去)百度(?:一下|下)?(?:吧|呗|啊)?(?:[,.!?~]|$)]],
            -- the formal brush-off: "请您自行比对，谢谢" "请自行查看" "您自己决定就好" "你查下官网"
            -- "这个我不太清楚，您可以看看评价" "这个问题我们无法回答" ("您往上翻翻记录" says the
            -- customer is wrong: arguing)
            [[(?:请|请您|您|你)?(?:自行|自己)(?:比对|查看|查询|斟酌|决定|判断|研究|对比|参考)(?:一下|下)?(?:就好|就行|吧)?(?:[,.!?~]|谢谢|$)|(?:查|看)(?:一下|下)?官网|不太(?:清楚|知道)[,.]?(?:您|你)?(?:可以)?(?:自己)?(?:看看|看|问问|查查)|(?:无法|没法|不好)回答]],
            [[(?<!先|可以|您可以|亲可以|要不您先|要不你先|方便的话)(?:你|您)?自己(?:去)?(?:看|查|找|翻|搜)(?:一下|下)?(?:吧|呗|去|啊|啦|嘛)?(?:宝贝详情页?|商品详情页?|详情页?|描述|说明书?|页面|商品页|图片|评价|主页)?(?:吧|呗|去|啊|啦|嘛)?(?:[.!?,~]|$)]],
            [[(?:^|[,.!?])(?:随便|随便你|随你|无所谓|爱咋咋)(?:吧|呗|啊|了)?(?:[,.!?]|$)|(?:^|[,.!?])(?:那|那就)?(?:您|你)?(?:就)?随便(?:看看|看|挑|选|拍|买)(?:吧|呗)?(?:[,.!?]|$)|都(?:差不多|一样)(?:吧|呗|啊)?(?:[,.!?]|$)|问(?:别人|其他人|售后|客服|快递)去|(?:您|你)?(?:可以)?(?:去)?(?:找|问)(?:快递|售后|客服|厂家|物流|别人|别家)(?:吧|去|问|理论|说|协商|投诉)|(?:投诉|差评)(?:也)?没(?:用|办法)|随便(?:你|您)(?:选|挑|拍|买|看)|(?:选|挑|买)哪个都(?:行|可以|一样)|看(?:您|你)自己|我也(?:说不好|不好说)|(?:我也|我都)不(?:知道|清楚|晓得)|(?:着急|急)(?:也)?没(?:用|办法)|就(?:这|这个)速度|(?:^|[,.!?])(?:那)?(?:你|您)?(?:就)?(?:等着|慢慢等|自己等)(?:吧|呗)?(?:[,.!?]|$)|没空|忙着呢|别问了|不归我管|不关我(?:的)?事|(?:懒得|没时间)(?:说|解释|回)]],
          },
          -- (and an apology with a remedy to choose, "…给您换或者直接退款…您选哪个都行~", is no brush-off)
          unless = {[[亲|{SMILE}|随时|(?<!{=NOTDO})帮(?:您|你)|稍等|马上|问一下|查一下|确认一下|核实|(?<=\p{Han})(?:哦|呢|哈)|{SORRY}]]},
        },
      },
    },
    {
      id = "overpromise", name = "乱承诺", kind = "violation", category = "sales",
      source = "001 遇到不確定的問題不可胡亂回復",
      quote = "遇到不確定的問題不可胡亂回復",
      explain = "不要保证自己不能确定的事（准确到货时间、“绝对不会坏”、百分之百），答应了就要做到。",
      avoided = "没有乱承诺",
      detect = {
        any = {
          -- more than the return policy allows, promised as a blanket rule: "运费全包，随便退"
          -- "退货运费都不用您出" (001 遇到不确定的问题不可胡乱回复; the shop's policy decides)
          [[随便退|想退就退|无条件退|运费(?:我们)?全包|(?:运费|邮费|来回运费|退货运费){NC}{0,4}?(?:都|全)(?:不用|不要)(?:您|你)(?:出|付|承担)|全部(?:由)?我们(?:来)?出(?!货)]],
          -- exact arrival guaranteed
          [[(?<!尽量|争取|应该|预计|大概|一般|正常|估计)(?:保证|肯定|一定|绝对|百分百|百分之百|100%)(?:会|能|可以)?(?:在)?(?:明天|后天|今天|今晚|[0-9一二三两]{1,2}天(?:内|之内)?|[0-9]{1,2}号|周[一二三四五六日末]|星期[一二三四五六日天]|马上)(?:前|之前|以前|内|之内)?(?:就|一定|肯定)?(?:能|会|可以)?(?:到|到货|送到|收到|送达|发到)]],
          [[(?<!预计|大概|应该|一般|正常情况下|估计|差不多|争取)(?:明天|后天|今天|今晚|[0-9一二三两]{1,2}天(?:内|之内)?|[0-9]{1,2}号|周[一二三四五六日末]|星期[一二三四五六日天])(?:上午|下午|晚上|中午|之前|前|以内|内)?(?:就)?(?:一定|肯定|保证|绝对|百分百)(?:能|会|可以)?(?:到|送到|收到|送达|到货)]],
          -- "never any problem" (but "不会的亲,正常情况下..." is a plain answer)
          [[(?:绝对|保证|肯定|永远|一定|百分百|百分之百|100%)(?:不会|没有|不|没)(?:有|出)?(?:任何)?(?:问题|质量问题|色差|褪色|坏|掉色|开裂|变形|起球|磨损|瑕疵|异味|味道|售后)]],
          [[不会(?:有|出)(?:任何)(?:问题|质量问题|色差|瑕疵)|(?:一辈子|终身|永久|永远)(?:都)?(?:不会|不|用不坏|没问题|不坏|不掉色|不变形)|(?:用|穿)不坏|坏不了|(?:零|0)(?:色差|瑕疵|差评|问题)|保证(?:没有|不会|零)(?:色差|问题|质量问题|瑕疵)]],
          [[(?<!没法|没办法|不能|无法|不敢|不能说|不好说|没法说|不敢说|做不到|不可能)(?:百分百|百分之百|100%|一百个)(?!纯|棉|羊|真丝|蚕丝|涤|聚|心|的?(?:好评|满意度|好评率|回复率))]],
          -- "肯定能到的" "谁用都不过敏" "不会丢的，您就等着吧"
          [[(?<!不|尽量|争取|应该|预计|大概|一般|正常|估计|如果|要是)(?:肯定|一定|保证|绝对)(?:能|会|可以)(?:到|送到|收到|到货|赶上|来得及)(?!吗|嘛|么|\?|的话)|谁(?:用|穿|吃|戴|擦)都不(?:过敏|会过敏|长痘|起痘|会坏)|不会丢的]],
          [[保证{NC}{0,8}?就(?:不|能|会|好|没)|(?:绝对|肯定|保证)不会(?!让|叫)]],
          -- years of use, every buyer, the future price or stock, a cure: "用十年涂层都不会掉"
          -- "任何宝宝喝都没问题" "以后只会涨" "您什么时候来拍都有" "斑肯定淡掉,保证有效"
          -- "绝对零甲醛" "完全防水" "我们敢保证" (001 遇到不确定的问题不可胡乱回复)
          [[(?:用|坐|穿|睡|戴)(?:个)?(?:{NUM})年(?:{NC}){0,4}?(?:(?:都|也)(?:不会|不(?!错|到|止))|(?:都|也)?(?:不坏|不会坏|用不坏|[\p{Han}]不了))|保证{NC}{0,4}?(?:一定|肯定)(?:能|会)?(?:给您|帮您)?(?:修好|到|送到|好|治好)|(?:任何|所有|哪个|什么样的?)(?:人|宝宝|孩子|肤质|皮肤|体质){NC}{0,2}?(?:用|穿|吃|喝|戴|擦|睡)(?:了)?都(?:不会|没问题|没事|不过敏|合适|有效)|(?:以后|之后|往后)(?:只会|肯定|一定)(?:涨|贵)|(?:不会|绝不会|肯定不会|不可能)再(?:降|便宜)|(?:什么时候|随时)(?:来)?(?:拍|买|下单)都有|(?:肯定|一定|保证)(?:能|会)?(?:淡|祛|去掉|消|变白|瘦|长高|治好|见效|有效|根治|淡掉)|保证(?:有效|管用|见效|您满意|您喜欢|您天天)|绝对(?:零|不黏|不粘|好用|有效|管用|防水|不过敏|安全)|完全防水|(?<!不)(?:我们)?敢(?:打)?(?:保证|包票)|(?<!不能|不敢|没法|无法|不好|不能跟您|不能给您|不敢跟您|不敢给您|不能和您|没法跟您|不能跟你|不能给你|不敢跟你)打包票|不会(?:有|出)(?:一点|半点|丝毫)(?:问题|毛病)]],
        },
        unless = {[[(?:正常情况下|一般情况下|不排除|以物流为准|以实际为准|具体以)]]},
      },
    },
    {
      id = "discount_offer", name = "擅自让价", kind = "violation", category = "sales",
      source = "001 應對討價還價；002 我们客服是没有权利议价的",
      quote = "減少客戶對產品之外的禮物或包郵之類的關注",
      explain = "客服没有议价权，不能自己降价或答应包邮；顾客坚持时可以申请小礼品。",
      avoided = "没有擅自让价",
      detect = {
        any = {
          -- "给您便宜20块" "给您优惠点" "给您打个九折" "给您包邮"
          [[(?<!不能|无法|没法|不会|不好|没办法|不可以|不能再|没法再|不能给|没办法再|很难|难以|申请)(?:给|帮|为|替)(?:您|你|亲)(?:再)?(?:便宜|优惠|少|减|打(?=个?(?:[0-9一二三四五六七八九]|对|折))|改(?:成|为)(?=[0-9一二三四五六七八九]|包邮|免邮|免运费|优惠价|活动价|会员价|内部价|成本价|折)|算(?=便宜|少|[0-9]|个便宜|您便宜)|包邮|免邮|免运费|免个邮|包个邮|改价|改个价|改下价|改一下价|抹零|抹个零|让|降|算便宜|折)(?!券|活动|卷|申请)]],
          -- "便宜20块给您" "少收您10元"
          [[(?<!比线下|比实体店|比专卖店|比别家|能|已经|之前|平时|原价|以前|往常|平常|原来)(?:便宜|优惠|少|减|让|降)(?:收)?(?:您|你)?(?:{NUM})(?:块|元|块钱|毛)]],
          [[(?:打|给您打|帮您打)(?:个)?(?:[0-9一二三四五六七八九]{1,2}(?:\.[0-9])?|对)折(?:吧|给您|好了|了)?]],
          [[(?:算|收)(?:您|你|亲)(?:{NUM})(?:块|元)?(?:吧|好了|得了|行了|了)?|(?:那|行|好)(?:吧|的)?[,]?(?:就)?(?:算|收)(?:您|你)?[0-9]{1,6}|抹(?:个)?零|零头(?:给您|帮您|给你)?(?:不要|去掉|抹|免)]],
          -- "那就包邮吧" "行,给您包邮"
          [[(?:那|行|好|可以|ok)(?:吧|的|了)?[,!]?(?:就)?(?:给(?:您|你))?(?:包邮|免邮|免运费)(?:吧|了|啦|好了)?(?:[,.!~]|$)]],
          -- "行,给你包了" to "能包邮吗" (heldout30)
          [[(?:给|帮)(?:您|你|亲)包了(?:吧|啦)?(?:[,.!~]|$)]],
          [[(?<!比线下|比实体店|比专卖店|已经|能|不能|之前|平时|原价|以前|往常|平常|原来|活动)(?:便宜|少|减|优惠)了(?:{NUM})(?:块|元|块钱)?(?![0-9%])|(?:给|帮)(?:您|你)(?:把价格?)?改了?(?:价|个价|下价)|(?:运费|邮费)(?:我|我们|这边)?(?:给您|帮您)?(?:改成|改为|改|免了|包了|去掉|去了|免掉)(?:0|零)?]],
          [[(?:便宜|优惠)(?:点|一点|些)(?:给您|卖给您|给你)|(?:那|行)(?:就|吧)?便宜(?:点|一点)(?:给您|吧)]],
        },
        unless = {[[(?:满|全场|全店|本店|订单满){NC}{0,8}?(?:包邮|免邮)|优惠券|代金券]]},
      },
    },
    {
      id = "long_reply", name = "回复过长", kind = "violation", category = "timeliness",
      source = "002 反应及时",
      quote = "如回答太长,宜分次回答",
      explain = "一条消息太长顾客读不过来，超过一屏的回答要分成几条发。",
      avoided = "没有过长的回复",
      detect = {builtin = "long_reply"},
    },
    {
      -- English or pinyin to a Chinese customer: words they may not be able to read at all.
      -- Such a reply earns no technique, however polite its words ("Sorry" is no apology to
      -- someone who cannot read it).
      id = "unreadable", name = "用语不规范", kind = "violation", category = "attitude",
      source = "002 客服语言规范 热情亲切",
      quote = "用语规范,礼貌问候,让顾客感觉热情,不是很生硬的话语",
      explain = "用顾客看得懂的中文回复：整句英文或拼音，顾客可能一个字也看不懂。",
      avoided = "全部用中文回复",
      -- the meaning model reads Chinese: its verdicts on English or pinyin mean nothing
      cancels = {"techniques", "arguing", "blame_customer", "interrogation", "harsh_refusal",
                 "cold_reply"},
      detect = {builtin = "unreadable"},
    },
  },
}
