"""Classroom: challenges (the built-in catalog of core/challenges.py and the verdict's parts),
student links that lock settings, presenter mode."""

STRINGS = {
    # ---- the built-in challenges (core.challenges.CATALOG): challenge.<id>.title / .text
    "challenge.spiral_small.title": {
        "en": "Spiral with at most 8 hidden units",
        "zh": "最多 8 个隐藏单元分开螺旋",
    },
    "challenge.spiral_small.text": {
        "en": "Reach a test accuracy of at least 0.9 on the two-arm spiral with at most 8 units "
              "per hidden layer. More layers, another activation, optimizer or more steps are "
              "allowed.",
        "zh": "在两臂螺旋数据上，每个隐藏层最多 8 个单元，测试准确率达到 0.9 以上。"
              "可以加层、换激活函数、换优化器或增加步数。",
    },
    "challenge.regression_max_lr.title": {
        "en": "The largest learning rate that still fits",
        "zh": "仍能拟合的最大学习率",
    },
    "challenge.regression_max_lr.text": {
        "en": "With plain SGD and the course's network, train with a learning rate of at least "
              "0.9 and still end with a training loss of at most 0.1. A little higher and the "
              "loss explodes: find the edge.",
        "zh": "用普通 SGD 和课程中的网络，学习率至少 0.9，最终训练损失仍不超过 0.1。"
              "再高一点损失就会爆炸：找到这个边界。",
    },
    "challenge.adagrad_beats_sgd.title": {
        "en": "Make Adagrad beat SGD",
        "zh": "让 Adagrad 胜过 SGD",
    },
    "challenge.adagrad_beats_sgd.text": {
        "en": "SGD and Adagrad race from the same weights on the same batches. At learning rate "
              "0.3 SGD ends lower: change the settings until Adagrad's final loss is below "
              "SGD's.",
        "zh": "SGD 和 Adagrad 从相同的权重、在相同的批次上比赛。学习率 0.3 时 SGD 的损失更低："
              "调整设置，让 Adagrad 的最终损失低于 SGD。",
    },
    "challenge.dropout_helps.title": {
        "en": "Find a dropout rate that helps",
        "zh": "找到有帮助的 dropout 比例",
    },
    "challenge.dropout_helps.text": {
        "en": "On this draw of 20 noisy points, dropout 0.5 makes the test loss worse. Find a "
              "rate p whose net ends with a lower test loss than the net without dropout.",
        "zh": "在这组 20 个带噪声的点上，dropout 0.5 反而让测试损失更高。"
              "找到一个比例 p，使它的网络最终测试损失低于没有 dropout 的网络。",
    },
    # ---- the verdict's parts (core.challenges.Part codes)
    "challenge.part.goal_met": {
        "en": "Goal reached: {metric} = {value} ({op} {bound}).",
        "zh": "目标达成：{metric} = {value}（{op} {bound}）。",
    },
    "challenge.part.goal_missed": {
        "en": "Not yet: {metric} = {value}, the goal is {op} {bound} ({gap} to go).",
        "zh": "还差一点：{metric} = {value}，目标是 {op} {bound}（还差 {gap}）。",
    },
    "challenge.part.rule_broken": {
        "en": "Rule broken: {setting} must be {op} {value}, this run used {actual}.",
        "zh": "违反规则：{setting} 必须 {op} {value}，本次运行用的是 {actual}。",
    },
    "challenge.part.diverged": {
        "en": "The run diverged (the loss became NaN or infinite).",
        "zh": "训练发散了（损失变成了 NaN 或无穷大）。",
    },
    "challenge.part.unfinished": {
        "en": "The run stopped at step {steps} of {planned}: train to the end to be checked.",
        "zh": "训练在第 {steps} 步（共 {planned} 步）停止了：训练到最后才能检查。",
    },
    "challenge.part.no_metric": {
        "en": "This run has no {metric} to check.",
        "zh": "本次运行没有可检查的 {metric}。",
    },
    # ---- the page: challenges panel, student links, presenter mode (ui/classroom.py)
    "classroom.challenges": {"en": "Challenges", "zh": "挑战"},
    "classroom.pick_challenge": {"en": "Challenge", "zh": "挑战"},
    "classroom.no_challenge": {"en": "No challenge", "zh": "不做挑战"},
    "classroom.own_challenge": {"en": "Write your own…", "zh": "自己出题…"},
    "classroom.challenge_rules": {
        "en": "The goal (first line) and the rules on the settings:",
        "zh": "目标（第一行）和对设置的规则：",
    },
    "classroom.metric": {"en": "Metric", "zh": "指标"},
    "classroom.op": {"en": "Must be", "zh": "必须"},
    "classroom.bound": {"en": "Bound", "zh": "界限"},
    "classroom.bound_help": {
        "en": "A number, or another metric of the same run (e.g. final_loss.SGD).",
        "zh": "一个数，或同一次运行的另一个指标（例如 final_loss.SGD）。",
    },
    "classroom.rules": {"en": "Rules on the settings (optional)", "zh": "对设置的规则（可选）"},
    "classroom.rules_help": {
        "en": "Separated by ';': 'setting = value' fixes a setting, 'setting <= number' (or >=, "
              "<, >) bounds it. Settings by their URL names, e.g. hidden <= 8; dataset = spiral.",
        "zh": "用 ';' 分隔：'设置 = 值' 固定一个设置，'设置 <= 数'（或 >=、<、>）限制它。"
              "设置用链接中的名字，例如 hidden <= 8; dataset = spiral。",
    },
    "classroom.title": {"en": "Title (optional)", "zh": "标题（可选）"},
    "classroom.use_challenge": {"en": "Use this challenge", "zh": "使用这个挑战"},
    "classroom.challenge_invalid": {
        "en": "This challenge cannot be used:",
        "zh": "这个挑战无法使用：",
    },
    "classroom.challenge_refused": {
        "en": "The challenge in this link was refused; the page opens without one:",
        "zh": "链接中的挑战被拒绝了；页面将不带挑战打开：",
    },
    "classroom.share_challenge": {
        "en": "Share this challenge: send this link.",
        "zh": "分享这个挑战：发送这个链接。",
    },
    "classroom.passed": {"en": "Challenge passed!", "zh": "挑战成功！"},
    "classroom.not_passed": {"en": "Challenge not passed yet.", "zh": "挑战尚未完成。"},
    "classroom.locked_title": {
        "en": "Fixed by your teacher or the challenge:",
        "zh": "由老师或挑战固定的设置：",
    },
    "classroom.student_link": {"en": "Student link", "zh": "学生链接"},
    "classroom.may_change": {"en": "Students may change", "zh": "学生可以修改"},
    "classroom.student_link_help": {
        "en": "Students who open this link get these values; the settings you did not tick are "
              "fixed, and an edited link is refused.",
        "zh": "打开这个链接的学生会得到这些值；未勾选的设置被固定，被改动过的链接会被拒绝。",
    },
    "classroom.link_refused": {
        "en": "This student link was changed after it was made: its settings were refused and "
              "every setting is fixed at the course's value. Ask your teacher for the link again.",
        "zh": "这个学生链接在生成后被改动过：其中的设置被拒绝，所有设置都固定为课程默认值。"
              "请向老师重新索取链接。",
    },
    "classroom.present": {"en": "Presenter mode", "zh": "演示模式"},
    "classroom.present_help": {
        "en": "For a projector: big type, no sidebar, only the pinned settings on the page.",
        "zh": "用于投影：大字体，隐藏侧边栏，页面上只显示固定展示的设置。",
    },
    "classroom.pins": {"en": "Shown in presenter mode", "zh": "演示模式中显示"},
    "classroom.pins_help": {
        "en": "These settings appear on the page itself when presenting.",
        "zh": "演示时这些设置直接显示在页面上。",
    },
    # ---- runs shared between students (ui/shared_runs.py)
    "live.shared": {
        "en": "Someone on this server already trained these exact settings: you are watching "
              "that run (runs are deterministic, so the numbers are the same).",
        "zh": "这台服务器上已经有人用完全相同的设置训练过：你看到的是那次训练"
              "（训练是确定性的，数字完全相同）。",
    },
    "live.shared_done": {
        "en": "This result comes from an identical run trained on this server for someone else.",
        "zh": "这个结果来自这台服务器上为别人训练的一次完全相同的运行。",
    },
    "live.train_anyway": {"en": "Train anyway", "zh": "仍然自己训练"},
}
