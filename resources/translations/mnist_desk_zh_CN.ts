<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../mnist_desk/ui/shell/about.py" line="36"/>
        <source>&lt;h3&gt;mnist-desk {0}&lt;/h3&gt;&lt;p&gt;Draw two handwritten digits and watch neural networks read them and their sum.&lt;/p&gt;&lt;p&gt;Trained on the &lt;b&gt;MNIST&lt;/b&gt; database of handwritten digits by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, licensed under &lt;a href=&apos;https://creativecommons.org/licenses/by-sa/3.0/&apos;&gt;CC BY-SA 3.0&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;mnist-desk {0} · PyTorch {1} · Qt {2} · PySide6 {3} · Python {4}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;mnist-desk {0}&lt;/h3&gt;&lt;p&gt;手写两个数字，看神经网络识别它们以及它们的和。&lt;/p&gt;&lt;p&gt;模型基于 &lt;b&gt;MNIST&lt;/b&gt; 手写数字数据集训练，该数据集由 Yann LeCun、Corinna Cortes 和 Christopher J.C. Burges 创建，按 &lt;a href=&apos;https://creativecommons.org/licenses/by-sa/3.0/&apos;&gt;CC BY-SA 3.0&lt;/a&gt; 许可发布。&lt;/p&gt;&lt;p&gt;mnist-desk {0} · PyTorch {1} · Qt {2} · PySide6 {3} · Python {4}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/about.py" line="50"/>
        <source>About mnist-desk</source>
        <translation>关于 mnist-desk</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../mnist_desk/ui/shell/app.py" line="63"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/app.py" line="65"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/app.py" line="68"/>
        <source>Something went wrong: {0}

The window keeps working; details below.</source>
        <translation>出了点问题：{0}

窗口仍可继续使用；详情见下方。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/app.py" line="72"/>
        <source>The details are also kept in {0}.</source>
        <translation>详细信息也保存在 {0}。</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../../mnist_desk/ui/settings.py" line="61"/>
        <source>The settings file {0} was damaged, so the app started with default settings ({1}).</source>
        <translation>设置文件 {0} 已损坏，因此应用以默认设置启动（{1}）。</translation>
    </message>
</context>
<context>
    <name>Sentences</name>
    <message>
        <source>{0}: {1}</source>
        <extracomment>a name or title, then what is said of it</extracomment>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <extracomment>two sentences (or a sentence and a remark in brackets) one after the other</extracomment>
        <translation>{0}{1}</translation>
    </message>
</context>
<context>
    <name>ArchComparisonView</name>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="122"/>
        <source>no comparison yet</source>
        <translation>尚无比较</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="94"/>
        <source>Compare architectures</source>
        <translation>比较网络结构</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="98"/>
        <source>Train each chosen architecture in turn for the same epochs, on the same data, seed and device (and the training images set in the form), each with its own recipe; then test each and read the drawn digits with it</source>
        <translation>依次训练每个选中的网络结构，轮次、数据、随机种子和设备都相同（训练图片数取自左侧表单），各用自己的训练配方；之后逐个测试，并用它读取手写数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="107"/>
        <source>against iterations</source>
        <translation>按迭代次数</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="108"/>
        <source>against time</source>
        <translation>按时间</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="139"/>
        <source>Epochs each</source>
        <translation>每个的轮次</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="144"/>
        <source>Validation error</source>
        <translation>验证集错误率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="165"/>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="166"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="167"/>
        <source>Drawn digits</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="168"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="169"/>
        <source>Training time</source>
        <translation>训练时间</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="170"/>
        <source>Images/s</source>
        <translation>张/秒</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="178"/>
        <source>Choose two or more architectures and the epochs each trains, then press Compare architectures: they train one after another on the same data, seed and budget, and their validation curves meet here.</source>
        <translation>选择两个或更多网络结构以及每个训练的轮次，然后点“比较网络结构”：它们会用相同的数据、随机种子和预算先后训练，验证集曲线都画在这里。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="208"/>
        <source>Training the architectures one after another, {0:,} steps each; then each model is tested and reads the drawn digits…</source>
        <translation>正在先后训练各网络结构，各 {0:,} 步；之后逐个测试模型，并读取手写数字…</translation>
    </message>
    <message>
        <source>Training the architectures one after another, {0:,} step each; then each model is tested and reads the drawn digits…</source>
        <translation>正在先后训练各网络结构，各 {0:,} 步；之后逐个测试模型，并读取手写数字…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="236"/>
        <source>Validation error vs time</source>
        <translation>验证集错误率（按时间）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="238"/>
        <source>Validation error vs iterations</source>
        <translation>验证集错误率（按迭代次数）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="239"/>
        <source>error (%)</source>
        <translation>错误率（%）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="276"/>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="280"/>
        <source>Architecture comparison finished</source>
        <translation>网络结构比较已完成</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="285"/>
        <source>Architecture comparison stopped before any architecture was tested</source>
        <translation>网络结构比较已停止，尚未测试任何网络结构</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/arch_view.py" line="286"/>
        <source>Architecture comparison stopped; tested: {0}</source>
        <translation>网络结构比较已停止；已测试：{0}</translation>
    </message>
</context>
<context>
    <name>ArchitectureVerdict</name>
    <message>
        <source>no mistakes at all</source>
        <translation>完全没有错误</translation>
    </message>
    <message>
        <source>{0:.1%} fewer mistakes</source>
        <translation>错误少 {0:.1%}</translation>
    </message>
    <message>
        <source>{0:.1f}× fewer mistakes</source>
        <translation>错误仅为对方的 1/{0:.1f}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/app/arch_verdict.py" line="88"/>
        <source>No verdict: fewer than two architectures were tested (not tested: {0}).</source>
        <translation>无法判定：经过测试的网络结构不足两个（未测试：{0}）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/app/arch_verdict.py" line="99"/>
        <source>{0} and {1} tie after {2:,} steps each: {3:.2%} test accuracy.</source>
        <translation>各训练 {2:,} 步后，{0} 与 {1} 打成平手：测试准确率均为 {3:.2%}。</translation>
    </message>
    <message>
        <source>{0} and {1} tie after {2:,} step each: {3:.2%} test accuracy.</source>
        <translation>各训练 {2:,} 步后，{0} 与 {1} 打成平手：测试准确率均为 {3:.2%}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/app/arch_verdict.py" line="110"/>
        <source>{0} wins after {1:,} steps each: {2:.2%} test accuracy, against {3:.2%} for {4}, the next best ({5}).</source>
        <translation>各训练 {1:,} 步后，{0} 胜出：测试准确率 {2:.2%}，次优的 {4} 为 {3:.2%}（{5}）。</translation>
    </message>
    <message>
        <source>{0} wins after {1:,} step each: {2:.2%} test accuracy, against {3:.2%} for {4}, the next best ({5}).</source>
        <translation>各训练 {1:,} 步后，{0} 胜出：测试准确率 {2:.2%}，次优的 {4} 为 {3:.2%}（{5}）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/app/arch_verdict.py" line="128"/>
        <source>{0} reads drawn digits best: {1:.1%}.</source>
        <translation>{0} 读手写数字最准：{1:.1%}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/app/arch_verdict.py" line="135"/>
        <source>{0} trains fastest: {1:,.0f} images a second.</source>
        <translation>{0} 训练最快：每秒 {1:,.0f} 张图片。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/app/arch_verdict.py" line="144"/>
        <source>{0} is the smallest: {1:,} parameters ({2:.2%} test).</source>
        <translation>{0} 最小：{1:,} 个参数（测试准确率 {2:.2%}）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/app/arch_verdict.py" line="152"/>
        <source>Stopped before every architecture had run.</source>
        <translation>在所有网络结构训练完之前已停止。</translation>
    </message>
</context>
<context>
    <name>CellImagesDialog</name>
    <message>
        <location filename="../../mnist_desk/ui/train/confusion_cells.py" line="38"/>
        <source>True {0}, predicted {1}</source>
        <translation>真实为 {0}，预测为 {1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/confusion_cells.py" line="40"/>
        <source>No test example is in this cell.</source>
        <translation>这个单元格中没有测试样本。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/confusion_cells.py" line="44"/>
        <source>{0:,} test examples of {1} were read as {2}; {3} shown, the most confident first.</source>
        <translation>{0:,} 个真实为 {1} 的测试样本被读作 {2}；显示 {3} 个，置信度最高的在前。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/confusion_cells.py" line="55"/>
        <source>test example {0}: probability {1:.1%}</source>
        <translation>测试样本 {0}：概率 {1:.1%}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/confusion_cells.py" line="34"/>
        <source>The images could not be found: {0}</source>
        <translation>找不到这些图像：{0}</translation>
    </message>
</context>
<context>
    <name>ComparisonPlots</name>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="120"/>
        <source>Validation error of each adder</source>
        <translation>各加法器的验证误差</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="115"/>
        <source>Validation error vs iterations</source>
        <translation>验证集错误率（按迭代次数）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="116"/>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="122"/>
        <source>sum error (%)</source>
        <translation>和的错误率（%）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="122"/>
        <source>Validation error vs time</source>
        <translation>验证集错误率（按时间）</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="43"/>
        <source>No verdict: the {0} did not produce a tested model.</source>
        <translation>无法比较：{0}没有得到经过测试的模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="45"/>
        <source> and the </source>
        <translation>和</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="49"/>
        <source>A tie after {0:,} steps each: both make {1:.1%} test sum errors.</source>
        <translation>各训练 {0:,} 步后打成平手：两者的测试集求和错误率都是 {1:.1%}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="60"/>
        <source>&lt;b&gt;The {0} wins&lt;/b&gt; after {1:,} steps each: test sum error {2:.1%} vs {3:.1%} ({4:.1f} points lower, {5}).</source>
        <translation>各训练 {1:,} 步后，&lt;b&gt;{0}胜出&lt;/b&gt;：测试集求和错误率 {2:.1%} 对 {3:.1%}（低 {4:.1f} 个百分点，{5}）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="68"/>
        <source>Final validation error: transfer {0:.1%}, scratch {1:.1%}.</source>
        <translation>最终验证误差：迁移 {0:.1%}，从零 {1:.1%}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="71"/>
        <source>Training time: transfer {0}, scratch {1}.</source>
        <translation>训练时间：迁移 {0}，从零 {1}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="81"/>
        <source>The scratch adder never saw a digit label, yet it reads {0:.1%} of the test digits.</source>
        <translation>从零训练的加法器从未见过数字标签，却能读对 {0:.1%} 的测试数字。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="86"/>
        <source>Its outputs are not yet the digits themselves ({0:.1%} once matched).</source>
        <translation>它的输出还不是数字本身（按最佳对应匹配后为 {0:.1%}）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="186"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="188"/>
        <source>Save the comparison plots as an image</source>
        <translation>将比较图保存为图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="221"/>
        <source>“Compare adders” trains the transfer adder and then the scratch adder on the same budget and plots both validation curves here.</source>
        <translation>“比较加法器”会用相同的预算先后训练迁移加法器和从零训练的加法器，并在这里绘制两者的验证集曲线。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="230"/>
        <source>Training both adders for {0:,} steps each…</source>
        <translation>正在训练两个加法模型，各 {0:,} 步…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="243"/>
        <source>Adder comparison finished</source>
        <translation>加法器比较已完成</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="244"/>
        <source>Comparison finished</source>
        <translation>比较已完成</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="244"/>
        <source>Adder comparison stopped</source>
        <translation>加法器比较已停止</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/comparison_view.py" line="246"/>
        <source>Comparison stopped</source>
        <translation>比较已停止</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="65"/>
        <source>Confusion matrix (test)</source>
        <translation>混淆矩阵（测试集）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="67"/>
        <source>click a cell to see its images</source>
        <translation>点击单元格查看其中的图像</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="72"/>
        <source>true</source>
        <translation>真实值</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="76"/>
        <source>predicted</source>
        <translation>预测值</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="93"/>
        <source>no test results yet</source>
        <translation>尚无测试结果</translation>
    </message>
</context>
<context>
    <name>CorrectionController</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="144"/>
        <source>Draw a digit first, then click the right digit to keep it.</source>
        <translation>请先写一个数字，再点击正确的数字来保存它。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="130"/>
        <source>Cannot keep this digit</source>
        <translation>无法保存这个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="164"/>
        <source>Took back the digit kept in My digits</source>
        <translation>已撤回保存到“我的数字”中的数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="166"/>
        <source>My digits: back to {0}</source>
        <translation>我的数字：已改回 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="155"/>
        <source>Kept as {0} in My digits (the model read {1}); {0}s kept so far: {2}.</source>
        <translation>已作为 {0} 保存到“我的数字”（模型读成 {1}）；你已有 {2} 个 {0}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="159"/>
        <source>Kept as {0} in My digits; {0}s kept so far: {1}.</source>
        <translation>已作为 {0} 保存到“我的数字”；你已有 {1} 个 {0}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="115"/>
        <source>The model read no digit here: click the right digit&apos;s bar to keep it.</source>
        <translation>模型在这里没有读出数字：点击正确数字的条形即可保存。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="141"/>
        <source>My digits keeps one digit per box; this box holds a number. Write one digit to keep it.</source>
        <translation>“我的数字”每个方框只保存一个数字；这个方框里是一个多位数。请只写一个数字再保存。</translation>
    </message>
</context>
<context>
    <name>CurvesDialog</name>
    <message>
        <location filename="../../mnist_desk/ui/library/curves_dialog.py" line="26"/>
        <source>Training curves: {0}</source>
        <translation>训练曲线：{0}</translation>
    </message>
</context>
<context>
    <name>DatasetBrowser</name>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="42"/>
        <source>Training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="43"/>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="44"/>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="70"/>
        <source>The fixed 50k/10k/10k split the models are trained on</source>
        <translation>模型训练所用的固定 50k/10k/10k 划分</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="76"/>
        <source>All digits</source>
        <translation>全部数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="78"/>
        <source>Show only one digit</source>
        <translation>只显示某一个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="80"/>
        <source>◀ Previous</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="82"/>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="85"/>
        <source>MNIST loads when this tab is first shown.</source>
        <translation>首次显示此页时加载 MNIST。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="104"/>
        <source>Split:</source>
        <translation>数据划分：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="106"/>
        <source>Digit:</source>
        <translation>数字：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="142"/>
        <source>Loading MNIST…</source>
        <translation>正在加载 MNIST…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="214"/>
        <source>label {0}, sample #{1}</source>
        <translation>标签 {0}，样本 #{1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/dataset_browser.py" line="222"/>
        <source>page {0} of {1} ({2} samples)</source>
        <translation>第 {0} / {1} 页（共 {2} 个样本）</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="33"/>
        <source>Click a map or a unit to see it here</source>
        <translation>点击一张特征图或一个单元，在这里放大查看</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="59"/>
        <source>Map {0} of layer {1}: {2:.3g} to {3:.3g}</source>
        <translation>第 {1} 层的特征图 {0}：{2:.3g} 到 {3:.3g}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="62"/>
        <source>Layer {0}, head {1}: attention {2:.3g} to {3:.3g}</source>
        <translation>第 {0} 层，第 {1} 个头：注意力 {2:.3g} 到 {3:.3g}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="65"/>
        <source>Rolled out through every layer: {0:.3g} to {1:.3g}</source>
        <translation>贯穿所有层的注意力展开：{0:.3g} 到 {1:.3g}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="67"/>
        <source>Filter {0}: weights {1:.3g} to {2:.3g}</source>
        <translation>滤波器 {0}：权重 {1:.3g} 到 {2:.3g}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="69"/>
        <source>Unit {0} of hidden layer {1}: {2:.3g}</source>
        <translation>隐藏层 {1} 的单元 {0}：{2:.3g}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="80"/>
        <source>Fed by its kernel over the input maps that add the most:</source>
        <translation>它的卷积核作用于贡献最大的输入特征图：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="85"/>
        <source>over the image</source>
        <translation>作用于图像</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="87"/>
        <source>map {0}: {1:.3g}</source>
        <translation>特征图 {0}：{1:.3g}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="93"/>
        <source>It reads the patches of the digit, weighted so:</source>
        <translation>它按如下权重读取数字的各个图块：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="94"/>
        <source>weighted input</source>
        <translation>加权后的输入</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="96"/>
        <source>The map it makes of this digit:</source>
        <translation>它对这个数字生成的特征图：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="99"/>
        <source>Fed by its weights over what it reads:</source>
        <translation>它的权重作用于它读取的内容：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="100"/>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/detail_view.py" line="101"/>
        <source>weights × input</source>
        <translation>权重 × 输入</translation>
    </message>
</context>
<context>
    <name>DigitPanel</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="73"/>
        <source>First number</source>
        <translation>第一个数</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="73"/>
        <source>Second number</source>
        <translation>第二个数</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="74"/>
        <source>Open image…</source>
        <translation>打开图片…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="76"/>
        <source>Read a number from an image file (or drop one on the box)</source>
        <translation>从图片文件读取一个数（或把图片拖到框中）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="79"/>
        <source>Write a number here
or drop an image</source>
        <translation>在这里写一个数
或拖入一张图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="81"/>
        <source>Write a number, left to right, with the mouse, a pen or a finger</source>
        <translation>用鼠标、手写笔或手指从左到右写一个数</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="78"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>DigitResultView</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="109"/>
        <source>{0}: read by the scratch adder, which never saw a digit label</source>
        <translation>{0}：由从零训练的加法器读出（它从未见过数字标签）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="115"/>
        <source>This adder was trained on sums alone; its own reading of this digit is {0} sure. The large digit comes from the default classifier.</source>
        <translation>这个加法器只用和训练；它自己读这个数字的把握为 {0}。大号数字来自默认分类器。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="125"/>
        <source>Not a digit: {0}</source>
        <translation>不是数字：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="130"/>
        <source>{0} sure</source>
        <translation>把握 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="138"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="140"/>
        <source>Draw a digit</source>
        <translation>请写一个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="145"/>
        <source>Model input</source>
        <translation>模型输入</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="146"/>
        <source>The 28×28 image the model sees, enlarged</source>
        <translation>模型看到的 28×28 图像（已放大）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="147"/>
        <source>Probability of each digit</source>
        <translation>每个数字的概率</translation>
    </message>
</context>
<context>
    <name>Doubt</name>
    <message>
        <location filename="../../mnist_desk/recognition/doubt.py" line="32"/>
        <source>looks like a letter</source>
        <translation>像一个字母</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/recognition/doubt.py" line="33"/>
        <source>looks like a symbol or a shape</source>
        <translation>像一个符号或图形</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/recognition/doubt.py" line="34"/>
        <source>looks like a scribble</source>
        <translation>像一团涂鸦</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/recognition/doubt.py" line="35"/>
        <source>looks crossed out or overdrawn</source>
        <translation>像被划掉或涂改过</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/recognition/doubt.py" line="36"/>
        <source>too unlike any digit</source>
        <translation>不像任何数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/recognition/doubt.py" line="37"/>
        <source>not a digit</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/recognition/doubt.py" line="36"/>
        <source>too small to read</source>
        <translation>太小，无法辨认</translation>
    </message>
</context>
<context>
    <name>DrawingTab</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="193"/>
        <source>Recognition failed: {0}</source>
        <translation>识别失败：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="221"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="222"/>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="223"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="227"/>
        <source>Redo what was undone ({0})</source>
        <translation>重做刚撤销的操作（{0}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="228"/>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="229"/>
        <source>Clear both boxes (Esc)</source>
        <translation>清除两个方框（Esc）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="230"/>
        <source>Pen width, as a share of the box size ([ and ])</source>
        <translation>笔画粗细，占方框大小的比例（[ 和 ]）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="234"/>
        <source>Pen width: {0}%</source>
        <translation>笔画粗细：{0}%</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/drawing_tab.py" line="194"/>
        <source>No sum: recognition failed</source>
        <translation>没有和：识别失败</translation>
    </message>
</context>
<context>
    <name>FiltersView</name>
    <message>
        <location filename="../../mnist_desk/ui/train/filters_view.py" line="45"/>
        <source>The first layer&apos;s filters appear here while a run trains.</source>
        <translation>训练进行时，第一层的滤波器会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/filters_view.py" line="49"/>
        <source>First layer&apos;s {0} filters ({1}x{2}) at step {3:,}</source>
        <translation>第一层的 {0} 个滤波器（{1}x{2}），第 {3:,} 步</translation>
    </message>
</context>
<context>
    <name>LayersPage</name>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="325"/>
        <source>Layer {0}: {1} feature maps, {2}x{3}</source>
        <translation>第 {0} 层：{1} 张特征图，{2}x{3}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="328"/>
        <source>Patch embedding: {0} filters, {1}x{2}</source>
        <translation>图块嵌入：{0} 个滤波器，{1}x{2}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="329"/>
        <source>First layer&apos;s filters: {0}, {1}x{2}</source>
        <translation>第一层的滤波器：{0} 个，{1}x{2}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="333"/>
        <source>Class token&apos;s attention to the patches (rows: layers, columns: heads)</source>
        <translation>类别标记对各图块的注意力（行：层，列：头）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="336"/>
        <source>Distillation token&apos;s attention to the patches (rows: layers, columns: heads)</source>
        <translation>蒸馏标记对各图块的注意力（行：层，列：头）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="340"/>
        <source>Attention rollout from the class token</source>
        <translation>从类别标记出发的注意力展开</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="341"/>
        <source>Attention rollout from the distillation token</source>
        <translation>从蒸馏标记出发的注意力展开</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="343"/>
        <source>Hidden layer {0}: {1} units</source>
        <translation>隐藏层 {0}：{1} 个单元</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="345"/>
        <source>The {0} units of hidden layer 1 that fire most (their weights)</source>
        <translation>隐藏层 1 中激活最强的 {0} 个单元（它们的权重）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="349"/>
        <source>First layer&apos;s weights as 28x28 images: {0} units</source>
        <translation>第一层的权重，显示为 28x28 图像：{0} 个单元</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/layers_page.py" line="363"/>
        <source>Which layer to show; click a map (or use the arrow keys) to see it large</source>
        <translation>选择要显示的层；点击特征图（或用方向键）放大查看</translation>
    </message>
</context>
<context>
    <name>InsideDock</name>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="172"/>
        <source>The inside view failed: {0}</source>
        <translation>内部视图出错：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="192"/>
        <source>first digit</source>
        <translation>第一个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="192"/>
        <source>second digit</source>
        <translation>第二个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="194"/>
        <source>{0}: draw the {1} to look inside.</source>
        <translation>{0}：画出{1}即可查看网络内部。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="196"/>
        <source>{0}, {1}: its trunk reads the digit; the sum needs both digits.</source>
        <translation>{0}，{1}：它的主干读取这个数字；求和需要两个数字。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="201"/>
        <source>{0} reads both digits as the sum {1} ({2:.1%}) in {3:.0f} ms; the maps show the {4}.</source>
        <translation>{0} 把两个数字读作和 {1}（{2:.1%}），用时 {3:.0f} 毫秒；图中显示的是{4}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="209"/>
        <source>digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="206"/>
        <source>{0} reads the {1} as {2} {3} ({4:.1%}) in {5:.0f} ms.</source>
        <translation>{0} 把{1}读作{2} {3}（{4:.1%}），用时 {5:.0f} 毫秒。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="353"/>
        <source>Inside the network</source>
        <translation>网络内部</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="354"/>
        <source>&amp;Inside the network</source>
        <translation>网络内部(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="369"/>
        <source>Draw a digit to see what the network computes for it.</source>
        <translation>画一个数字，看看网络为它计算了什么。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="354"/>
        <source>Layers</source>
        <translation>各层</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/inside_dock.py" line="355"/>
        <source>Map of the test set</source>
        <translation>测试集地图</translation>
    </message>
</context>
<context>
    <name>KeepBar</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="36"/>
        <source>Keep</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="39"/>
        <source>Keep this drawing in My digits with the digit the model read</source>
        <translation>按模型读出的数字，把这幅手写保存到“我的数字”</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="61"/>
        <source>Misread? Click the right digit&apos;s bar or press its key.</source>
        <translation>读错了？点击正确数字的概率条，或按下该数字键。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="63"/>
        <source>Kept in My digits as {0} (read as {1}). Ctrl+Z takes it back.</source>
        <translation>已作为 {0} 保存到“我的数字”（读成 {1}）。Ctrl+Z 可撤回。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/corrections.py" line="66"/>
        <source>Kept in My digits as {0}.</source>
        <translation>已作为 {0} 保存到“我的数字”。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_tabs.py" line="65"/>
        <source>My digits</source>
        <translation>我的数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/main_window.py" line="147"/>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_tabs.py" line="62"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_tabs.py" line="61"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/main_window.py" line="146"/>
        <source>mnist-desk — write two numbers</source>
        <translation>mnist-desk — 写两个数</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_tabs.py" line="63"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_tabs.py" line="73"/>
        <source>MNIST data folder: %s</source>
        <translation>MNIST 数据文件夹：%s</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/main_window.py" line="178"/>
        <source>Settings reset</source>
        <translation>设置已重置</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/main_window.py" line="222"/>
        <source>Recognition failed: {0}</source>
        <translation>识别失败：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/main_window.py" line="250"/>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/main_window.py" line="255"/>
        <source>Nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="109"/>
        <source>Reading the test set and its features…</source>
        <translation>正在读取测试集及其特征…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="127"/>
        <source>The map could not be made: {0}</source>
        <translation>无法生成地图：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="141"/>
        <source>t-SNE settling: iteration {0} of {1}</source>
        <translation>t-SNE 收敛中：第 {0} 次迭代，共 {1} 次</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="167"/>
        <source>The test set&apos;s digits as {0} sees them, in 2-D.</source>
        <translation>测试集中的数字在 {0} 眼中的二维分布。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="172"/>
        <source>{0}: {1:,} test digits, {2} (from the cache).</source>
        <translation>{0}：{1:,} 个测试数字，{2}（来自缓存）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="174"/>
        <source>{0}: {1:,} test digits, {2}, made in {3:.1f} s.</source>
        <translation>{0}：{1:,} 个测试数字，{2}，用时 {3:.1f} 秒。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="176"/>
        <source>{0}: {1:,} test digits, {2} in {3:.1f} s; t-SNE follows.</source>
        <translation>{0}：{1:,} 个测试数字，{2} 用时 {3:.1f} 秒；随后计算 t-SNE。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="209"/>
        <source>test #{0}: a {1}</source>
        <translation>测试样本 #{0}：数字 {1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="210"/>
        <source>test #{0}: a {1}, read as {2}</source>
        <translation>测试样本 #{0}：数字 {1}，被读作 {2}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="213"/>
        <source>Make the map</source>
        <translation>生成地图</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/map_view.py" line="215"/>
        <source>Project the test set&apos;s last-layer features to 2-D: PCA at once, then t-SNE</source>
        <translation>把测试集最后一层的特征投影到二维：先立即做 PCA，再做 t-SNE</translation>
    </message>
</context>
<context>
    <name>MethodBox</name>
    <message>
        <location filename="../../mnist_desk/ui/inside/method_box.py" line="43"/>
        <source>Does not apply to this network</source>
        <translation>不适用于此网络</translation>
    </message>
</context>
<context>
    <name>ModelExporter</name>
    <message>
        <location filename="../../mnist_desk/ui/shell/model_export.py" line="44"/>
        <source>No model to export yet</source>
        <translation>还没有可导出的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/model_export.py" line="49"/>
        <source>Export the model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/model_export.py" line="64"/>
        <source>An export is still running</source>
        <translation>导出仍在进行中</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/model_export.py" line="67"/>
        <source>Exporting {0}…</source>
        <translation>正在导出 {0}…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/model_export.py" line="78"/>
        <source>Exported {0} as {1} to {2} (not checked: no onnxruntime)</source>
        <translation>已将 {0} 以 {1} 格式导出到 {2}（未校验：没有 onnxruntime）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/model_export.py" line="80"/>
        <source>Exported {0} as {1} to {2}; it agrees with the model within {3}</source>
        <translation>已将 {0} 以 {1} 格式导出到 {2}；与原模型的差异不超过 {3}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/model_export.py" line="88"/>
        <source>Cannot export the model</source>
        <translation>无法导出模型</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="114"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="237"/>
        <source>No trained model for this task yet: train one in the Train tab</source>
        <translation>此任务还没有训练好的模型：请在“训练”页训练一个</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="260"/>
        <source>No trained model with this architecture yet</source>
        <translation>此网络结构还没有训练好的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="273"/>
        <source>No trained model</source>
        <translation>没有训练好的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="286"/>
        <source>{0} (unreadable)</source>
        <translation>{0}（无法读取）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="294"/>
        <source>{0} (shipped)</source>
        <translation>{0}（内置）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="296"/>
        <source>{0} (yours)</source>
        <translation>{0}（你的）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="300"/>
        <source>{0} (shipped, test {1})</source>
        <translation>{0}（内置，测试准确率 {1}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="301"/>
        <source>{0} (yours, test {1})</source>
        <translation>{0}（你的，测试准确率 {1}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="312"/>
        <source>CUDA (unavailable)</source>
        <translation>CUDA（不可用）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="317"/>
        <source>CUDA is unavailable: {0}</source>
        <translation>CUDA 不可用：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="331"/>
        <source>&amp;Task:</source>
        <translation>任务(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="332"/>
        <source>&amp;Network:</source>
        <translation>网络(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="333"/>
        <source>&amp;Weights:</source>
        <translation>权重(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="334"/>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="336"/>
        <source>What the model does: read one digit, or read the sum of two</source>
        <translation>模型做什么：识别一个数字，或识别两个数字之和</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="338"/>
        <source>The network architecture</source>
        <translation>神经网络结构</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="340"/>
        <source>Trained weights: shipped with the app, or trained by you</source>
        <translation>训练好的权重：随应用提供的，或你自己训练的</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="342"/>
        <source>Where the model runs</source>
        <translation>模型在哪个设备上运行</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="44"/>
        <source>CPU (1 thread)</source>
        <translation>CPU（1 个线程）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_picker.py" line="45"/>
        <source>CPU ({0} threads)</source>
        <translation>CPU（{0} 个线程）</translation>
    </message>
</context>
<context>
    <name>ModelTitles</name>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="35"/>
        <source>Single-digit classifier</source>
        <translation>单个数字分类器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="36"/>
        <source>Transfer adder</source>
        <translation>迁移加法器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="37"/>
        <source>Scratch adder</source>
        <translation>从零训练的加法器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="51"/>
        <source>ConvNet (BN, default)</source>
        <translation>ConvNet（BN，默认）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="52"/>
        <source>QuickNet (small and fast)</source>
        <translation>QuickNet（小而快）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="53"/>
        <source>Reference CNN</source>
        <translation>参考 CNN</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="54"/>
        <source>LeNet-5</source>
        <translation>LeNet-5</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="55"/>
        <source>Small ResNet</source>
        <translation>小型 ResNet</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="56"/>
        <source>Small ViT</source>
        <translation>小型 ViT</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="57"/>
        <source>DeiT (ViT + distillation token)</source>
        <translation>DeiT（ViT + 蒸馏令牌）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="58"/>
        <source>ViT, soft-distilled</source>
        <translation>ViT（软蒸馏）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="59"/>
        <source>MLP</source>
        <translation>多层感知机 (MLP)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="68"/>
        <source>ConvNet trunk + MLP head</source>
        <translation>ConvNet 主干 + MLP 头</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="71"/>
        <source>ConvNet digits + exact sum</source>
        <translation>ConvNet 读数字 + 精确求和</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/models/__init__.py" line="76"/>
        <source>QuickNet digits + exact sum</source>
        <translation>QuickNet 读数字 + 精确求和</translation>
    </message>
</context>
<context>
    <name>ModelView</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="60"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="67"/>
        <source>Loading model {0}…</source>
        <translation>正在加载模型 {0}…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="78"/>
        <source>Cannot open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="79"/>
        <source>Another model is used instead.</source>
        <translation>已改用另一个模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="85"/>
        <source>No trained model found. Train one in the Train tab, or run `make weights`.</source>
        <translation>没有找到训练好的模型。请在“训练”页训练一个，或运行 `make weights`。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="89"/>
        <source>No model could be loaded.</source>
        <translation>无法加载任何模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="101"/>
        <source>Cannot list the models</source>
        <translation>无法列出模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="116"/>
        <source>Model {0} ready on {1}</source>
        <translation>模型 {0} 已在 {1} 上就绪</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="126"/>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="134"/>
        <source>Cannot use this model</source>
        <translation>无法使用此模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="127"/>
        <source>The previous model is still in use.</source>
        <translation>仍在使用之前的模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/model_view.py" line="139"/>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
</context>
<context>
    <name>ModelsTableModel</name>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="120"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="122"/>
        <source>measuring…</source>
        <translation>正在测量…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="133"/>
        <source>{0:.2f} ms</source>
        <translation>{0:.2f} 毫秒</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="140"/>
        <source>seed {0}: {1}</source>
        <translation>种子 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="148"/>
        <source>shipped with the app</source>
        <translation>随应用提供</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="148"/>
        <source>yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="151"/>
        <source>in use in the Draw tab</source>
        <translation>正在“绘制”页中使用</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="156"/>
        <source>Not measured on this computer yet: select the model and press Measure</source>
        <translation>尚未在这台电脑上测量：选中该模型，然后点击“测量”</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="158"/>
        <source>Measured {0} on the drawn-digit set (300 pairs, seed 12)</source>
        <translation>于 {0} 在手写数字集上测得（300 对，种子 12）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="167"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="168"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="169"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="170"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="171"/>
        <source>MNIST test</source>
        <translation>MNIST 测试</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="172"/>
        <source>Drawn digits</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="173"/>
        <source>Drawn sums</source>
        <translation>手写求和</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="174"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="175"/>
        <source>Training time</source>
        <translation>训练时间</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="176"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="177"/>
        <source>Recipe</source>
        <translation>训练配方</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="183"/>
        <source>Shipped models in grey, yours in black; the model in use in bold</source>
        <translation>内置模型为灰色，你的模型为黑色；正在使用的模型为粗体</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="185"/>
        <source>Accuracy on the 10,000 MNIST test images (sums: pairs)</source>
        <translation>在 10,000 张 MNIST 测试图像上的准确率（加法器：数字对）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="187"/>
        <source>Digits drawn with a mouse (the project&apos;s drawn-digit set) that the model reads itself; Measure fills it in</source>
        <translation>模型自己读对的鼠标手写数字（本项目的手写数字集）所占比例；点“测量”即可填入</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="190"/>
        <source>Drawn pairs whose sum is right</source>
        <translation>求和正确的手写数字对所占比例</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="191"/>
        <source>Median time to read both digits and their sum, one thread</source>
        <translation>读出两个数字及其和所需时间的中位数（单线程）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_table.py" line="192"/>
        <source>The command that trained it, and its seed</source>
        <translation>训练它的命令及其随机种子</translation>
    </message>
</context>
<context>
    <name>ModelsView</name>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="130"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="137"/>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="141"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="142"/>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="143"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="144"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="145"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="183"/>
        <source>Enter uses the selected model, F2 renames it, Delete deletes it. Select several to measure them or to overlay their curves.</source>
        <translation>回车使用所选模型，F2 重命名，Delete 删除。可选择多个模型一起测量，或叠加显示它们的曲线。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="243"/>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="244"/>
        <source>Delete {0}? Its file, metrics and curves are removed from {1}.</source>
        <translation>删除 {0}？它的文件、指标和曲线将从 {1} 中移除。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="1"/>
        <source>It is the model in use: {0} takes its place.</source>
        <translation>它是正在使用的模型：删除后改用 {0}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="267"/>
        <source>shipped models cannot be renamed or deleted</source>
        <translation>内置模型不能重命名或删除</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="268"/>
        <source>the file cannot be read (see its tooltip)</source>
        <translation>无法读取该文件（详见其提示）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="269"/>
        <source>no training curves were kept with this model</source>
        <translation>这个模型没有保存训练曲线</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="270"/>
        <source>busy: wait until it has been measured</source>
        <translation>忙碌中：请等它测量完毕</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="271"/>
        <source>a name cannot be empty</source>
        <translation>名称不能为空</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="273"/>
        <source>a name cannot start with a dot or hold / \ : * ? &quot; &lt; &gt; |</source>
        <translation>名称不能以点开头，也不能包含 / \ : * ? &quot; &lt; &gt; |</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="275"/>
        <source>another model has that name</source>
        <translation>已有同名模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="307"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="337"/>
        <source>Measured {0} on the drawn digits</source>
        <translation>已在手写数字上测量 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="338"/>
        <source>Renamed {0} to {1}</source>
        <translation>已将 {0} 重命名为 {1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/models_view.py" line="339"/>
        <source>Deleted {0}</source>
        <translation>已删除 {0}</translation>
    </message>
</context>
<context>
    <name>MyDigitsView</name>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="141"/>
        <source>{0} · read {1}</source>
        <translation>{0} · 读成 {1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="145"/>
        <source>Labelled {0}; the model ({1}) read {2}
{3}, {4}</source>
        <translation>标注为 {0}；模型（{1}）读成 {2}
{3}，{4}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="157"/>
        <source>1 digit, {0} misread by the model it was drawn for. Per digit: {1}</source>
        <translation>共 1 个数字，其中 {0} 个被当时的模型读错。各数字：{1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="161"/>
        <source>{0} digits, {1} misread by the model they were drawn for. Per digit: {2}</source>
        <translation>共 {0} 个数字，其中 {1} 个被当时的模型读错。各数字：{2}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="208"/>
        <source>Relabelled {0} as {1}; Ctrl+Z undoes it</source>
        <translation>已将 {0} 个重新标注为 {1}；按 Ctrl+Z 可撤销</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="216"/>
        <source>Delete digits</source>
        <translation>删除数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="217"/>
        <source>Delete {0} of your digits?</source>
        <translation>删除你的 {0} 个数字？</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="222"/>
        <source>Deleted {0} from My digits; Ctrl+Z undoes it</source>
        <translation>已从“我的数字”删除 {0} 个；按 Ctrl+Z 可撤销</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="1"/>
        <source>Put back {0} in My digits as they were</source>
        <translation>已将“我的数字”中的 {0} 个恢复原样</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="1"/>
        <source>Undo the last delete or relabel here (Ctrl+Z)</source>
        <translation>撤销此处最近一次删除或重新标注（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="1"/>
        <source>drawn</source>
        <translation>手绘</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="1"/>
        <source>from an image</source>
        <translation>来自图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="1"/>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="229"/>
        <source>Folder with 0/ … 9/ sub-folders of digit images</source>
        <translation>含 0/ … 9/ 子文件夹的数字图片文件夹</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="238"/>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="242"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="247"/>
        <source>Export My digits to a folder</source>
        <translation>将“我的数字”导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="255"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="270"/>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="337"/>
        <source>Fine-tune on my digits</source>
        <translation>用我的数字微调</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="269"/>
        <source>A training run is in progress; wait for it to end or stop it.</source>
        <translation>正在训练；请等待其结束或先停止它。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="174"/>
        <source>No digits yet. On the Draw tab, click Keep under a digit you drew, or correct a misread one: it is kept here, and you can fine-tune a model on your hand. Import folder… adds digits you saved before.</source>
        <translation>还没有数字。在“绘制”页上，点击你所画数字下方的“保存”，或纠正一个读错的数字：它会保存在这里，之后可以用你的笔迹微调模型。“导入文件夹…”可添加你以前保存的数字。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="180"/>
        <source>None of your digits matches this filter.</source>
        <translation>没有符合此筛选条件的数字。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="289"/>
        <source>Your held-out digits: {0:.1%} → {1:.1%} ({2} digits)
MNIST test: {3:.2%} → {4:.2%}

Use {5} now?</source>
        <translation>你留出的数字：{0:.1%} → {1:.1%}（{2} 个）
MNIST 测试集：{3:.2%} → {4:.2%}

现在使用 {5} 吗？</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="301"/>
        <source>Fine-tuned on your digits</source>
        <translation>已用你的数字微调</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="322"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="323"/>
        <source>All digits</source>
        <translation>全部数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="324"/>
        <source>Misread only</source>
        <translation>仅读错的</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="325"/>
        <source>Relabel selected as:</source>
        <translation>将所选改标为：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="326"/>
        <source>Relabel</source>
        <translation>重新标注</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="328"/>
        <source>Give the selected digits this label (or press a digit key)</source>
        <translation>为所选数字设置此标注（或按数字键）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="330"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="331"/>
        <source>Import folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="332"/>
        <source>Add digits from a folder with sub-folders 0 … 9</source>
        <translation>从含 0 … 9 子文件夹的文件夹添加数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="333"/>
        <source>Export folder…</source>
        <translation>导出文件夹…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="335"/>
        <source>Write your digits to sub-folders 0 … 9 of a folder, with a CSV of metadata</source>
        <translation>将你的数字写入文件夹的 0 … 9 子文件夹，并附元数据 CSV</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/library/my_digits_view.py" line="340"/>
        <source>Teach the current classifier your hand: a new model trained on your digits and MNIST, with before/after accuracy</source>
        <translation>让当前分类器学会你的笔迹：用你的数字和 MNIST 训练新模型，并给出前后准确率</translation>
    </message>
</context>
<context>
    <name>NumberStrip</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/number_view.py" line="155"/>
        <source>Number: {0}</source>
        <translation>数：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/number_view.py" line="158"/>
        <source>Not read as a number: {0}</source>
        <translation>未能读成一个数：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/number_view.py" line="162"/>
        <source>{0} sure of the whole number</source>
        <translation>整个数的把握：{0}</translation>
    </message>
</context>
<context>
    <name>Phrase</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>MNIST was not found in {raw} ({reason}).
Either allow the download (needs internet: leave out --no-download; in the window: File &gt; Download MNIST When Missing), or place the four files {files} (optionally .gz) in {raw}, or point the app elsewhere with --data-dir DIR, the MNIST_DESK_DATA environment variable or the data folder setting (in the window: File &gt; MNIST Data Folder…); DIR must contain MNIST/raw.</source>
        <translation>在 {raw} 中找不到 MNIST（{reason}）。
可以允许下载（需要联网：不加 --no-download；窗口中：文件 &gt; 缺少时自动下载 MNIST），或把四个文件 {files}（可以是 .gz）放进 {raw}，或用 --data-dir DIR、环境变量 MNIST_DESK_DATA 或数据文件夹设置（窗口中：文件 &gt; MNIST 数据文件夹…）让应用到别处查找；DIR 中须有 MNIST/raw。</translation>
    </message>
    <message>
        <source>MNIST was not found in {raw} ({reason}).
Either try again once this computer is online, or place the four files {files} (optionally .gz) in {raw}, or point the app elsewhere with --data-dir DIR, the MNIST_DESK_DATA environment variable or the data folder setting (in the window: File &gt; MNIST Data Folder…); DIR must contain MNIST/raw.</source>
        <translation>在 {raw} 中找不到 MNIST（{reason}）。
可以等这台电脑联网后再试，或把四个文件 {files}（可以是 .gz）放进 {raw}，或用 --data-dir DIR、环境变量 MNIST_DESK_DATA 或数据文件夹设置（窗口中：文件 &gt; MNIST 数据文件夹…）让应用到别处查找；DIR 中须有 MNIST/raw。</translation>
    </message>
    <message>
        <source>The data folder {root} is a file, not a folder: give the folder that contains MNIST/raw with --data-dir DIR, the MNIST_DESK_DATA environment variable or the data folder setting (in the window: File &gt; MNIST Data Folder…).</source>
        <translation>数据文件夹 {root} 是一个文件，不是文件夹：请用 --data-dir DIR、环境变量 MNIST_DESK_DATA 或数据文件夹设置（窗口中：文件 &gt; MNIST 数据文件夹…）指定含有 MNIST/raw 的文件夹。</translation>
    </message>
    <message>
        <source>a file is missing</source>
        <translation>缺少文件</translation>
    </message>
    <message>
        <source>download not allowed</source>
        <translation>不允许下载</translation>
    </message>
    <message>
        <source>download failed: {why}</source>
        <translation>下载失败：{why}</translation>
    </message>
    <message>
        <source>MNIST was not found in {raw}, and downloading needs torchvision, which is not installed.
Download the four files {files} from {mirror} (or any MNIST mirror) and put them in {raw}; they may stay packed (.gz). Or point the app at a folder that has them with --data-dir DIR, the MNIST_DESK_DATA environment variable or the data folder setting (in the window: File &gt; MNIST Data Folder…); DIR must contain MNIST/raw. Or install torchvision (pip install torchvision) and try again.</source>
        <translation>在 {raw} 中找不到 MNIST，而下载需要 torchvision，它没有安装。
请从 {mirror}（或任一 MNIST 镜像）下载四个文件 {files} 放进 {raw}，可以不解压（.gz）。或用 --data-dir DIR、环境变量 MNIST_DESK_DATA 或数据文件夹设置（窗口中：文件 &gt; MNIST 数据文件夹…）指向有这些文件的文件夹；DIR 中须有 MNIST/raw。也可以安装 torchvision（pip install torchvision）后重试。</translation>
    </message>
    <message>
        <source>MNIST was not found in {raw}, and this build of mnist-desk reads MNIST but does not download it.
Download the four files {files} from {mirror} (or any MNIST mirror) and put them in {raw}; they may stay packed (.gz). Or point the app at a folder that has them with --data-dir DIR, the MNIST_DESK_DATA environment variable or the data folder setting (in the window: File &gt; MNIST Data Folder…); DIR must contain MNIST/raw.</source>
        <translation>在 {raw} 中找不到 MNIST，而这个版本的 mnist-desk 能读取 MNIST，但不会下载。
请从 {mirror}（或任一 MNIST 镜像）下载四个文件 {files} 放进 {raw}，可以不解压（.gz）。或用 --data-dir DIR、环境变量 MNIST_DESK_DATA 或数据文件夹设置（窗口中：文件 &gt; MNIST 数据文件夹…）指向有这些文件的文件夹；DIR 中须有 MNIST/raw。</translation>
    </message>
    <message>
        <source>MNIST was not found in {raw}, but its files are in {found}: the data folder is the one that contains MNIST/raw. Use --data-dir {holder} (or set MNIST_DESK_DATA or the data folder setting to it).</source>
        <translation>在 {raw} 中找不到 MNIST，但它的文件在 {found}：数据文件夹应是包含 MNIST/raw 的那个文件夹。请使用 --data-dir {holder}（或把 MNIST_DESK_DATA 或数据文件夹设置设为它）。</translation>
    </message>
    <message>
        <source>could not save the trained model to {output}: {reason}. Its test accuracy was {accuracy}; free some space or choose another models folder, and train again.</source>
        <translation>无法把训练好的模型保存到 {output}：{reason}。它的测试准确率为 {accuracy}；请腾出空间或选择其他模型文件夹，然后重新训练。</translation>
    </message>
    <message>
        <source>cannot write {what} in {folder}: {reason}. {fix}, or {how_to_change}.</source>
        <translation>无法在 {folder} 中写入{what}：{reason}。{fix}，或{how_to_change}。</translation>
    </message>
    <message>
        <source>Make it writable</source>
        <translation>请使其可写</translation>
    </message>
    <message>
        <source>a file is in the way where a folder should be</source>
        <translation>应是文件夹的位置上有一个文件</translation>
    </message>
    <message>
        <source>Move that file</source>
        <translation>请移走该文件</translation>
    </message>
    <message>
        <source>{output} is a folder; give the file to save the model to, e.g. {example}</source>
        <translation>{output} 是一个文件夹；请给出保存模型的文件，例如 {example}</translation>
    </message>
    <message>
        <source>the trained model</source>
        <translation>训练好的模型</translation>
    </message>
    <message>
        <source>choose another models folder (--models-dir, MNIST_DESK_MODELS, or --output)</source>
        <translation>选择其他模型文件夹（--models-dir、MNIST_DESK_MODELS 或 --output）</translation>
    </message>
    <message>
        <source>the MNIST download</source>
        <translation>下载的 MNIST</translation>
    </message>
    <message>
        <source>choose another data folder (--data-dir, MNIST_DESK_DATA, or the data folder setting)</source>
        <translation>选择其他数据文件夹（--data-dir、MNIST_DESK_DATA 或数据文件夹设置）</translation>
    </message>
    <message>
        <source>{path}: the image is too large (over {megapixels} megapixels); crop it to the digit or scale it down</source>
        <translation>{path}：图片太大（超过 {megapixels} 百万像素）；请裁剪到数字或缩小</translation>
    </message>
    <message>
        <source>{path}: the image is too large (over {megapixels} megapixels); crop it to the digit or scale it down (it is {width} x {height})</source>
        <translation>{path}：图片太大（超过 {megapixels} 百万像素）；请裁剪到数字或缩小（它是 {width} x {height}）</translation>
    </message>
    <message>
        <source>{path}: no such image file</source>
        <translation>{path}：没有这个图片文件</translation>
    </message>
    <message>
        <source>{path}: not an image this app can read ({error})</source>
        <translation>{path}：不是本应用能读取的图片（{error}）</translation>
    </message>
    <message>
        <source>Fine-tuning needs at least {minimum} of each digit to learn your hand rather than memorise a few drawings: draw and keep {need} (you have {have}).</source>
        <translation>微调需要每个数字至少 {minimum} 个，才能学会你的笔迹而不是记住几幅图：请再画并保留 {need}（你现在有 {have}）。</translation>
    </message>
    <message>
        <source>{n} more {digit}</source>
        <translation>{n} 个 {digit}</translation>
    </message>
    <message>
        <source>{n} more {digit}s</source>
        <translation>{n} 个 {digit}</translation>
    </message>
    <message>
        <source>{n} digit</source>
        <translation>{n} 个数字</translation>
    </message>
    <message>
        <source>{n} digits</source>
        <translation>{n} 个数字</translation>
    </message>
    <message>
        <source>no model named {name}; known models: {known}</source>
        <translation>没有名为 {name} 的模型；已有的模型：{known}</translation>
    </message>
    <message>
        <source>no model named {name}; known models: none found</source>
        <translation>没有名为 {name} 的模型；没有找到任何模型</translation>
    </message>
    <message>
        <source>{path}: no such checkpoint file</source>
        <translation>{path}：没有这个模型文件</translation>
    </message>
    <message>
        <source>{path}: not an mnist-desk checkpoint (a PyTorch file, but from another program)</source>
        <translation>{path}：不是 mnist-desk 模型文件（是 PyTorch 文件，但来自其他程序）</translation>
    </message>
    <message>
        <source>{path}: checkpoint format version {version} is not supported (this mnist-desk reads version {ours})</source>
        <translation>{path}：不支持模型文件格式版本 {version}（此 mnist-desk 读取版本 {ours}）</translation>
    </message>
    <message>
        <source>{path}: checkpoint lacks its weights or its task/arch metadata</source>
        <translation>{path}：模型文件缺少权重或任务/架构元数据</translation>
    </message>
    <message>
        <source>{path} is not a complete mnist-desk model (the file is damaged or was cut short; download or train it again)</source>
        <translation>{path} 不是完整的 mnist-desk 模型（文件已损坏或不完整；请重新下载或训练）</translation>
    </message>
    <message>
        <source>{path}: cannot be read: {reason}</source>
        <translation>{path}：无法读取：{reason}</translation>
    </message>
    <message>
        <source>{path}: refused: the file holds Python objects other than weights, which could run code when loaded. Only mnist-desk checkpoints can be opened.</source>
        <translation>{path}：已拒绝：该文件含有权重以外的 Python 对象，加载时可能执行代码。只能打开 mnist-desk 模型文件。</translation>
    </message>
    <message>
        <source>{path}: not a readable checkpoint (truncated or corrupt): the data is damaged</source>
        <translation>{path}：不是可读取的模型文件（不完整或已损坏）：数据已损坏</translation>
    </message>
    <message>
        <source>exported {count} to {folder} ({per_digit})</source>
        <translation>已导出 {count} 到 {folder}（{per_digit}）</translation>
    </message>
    <message>
        <source>imported {count} from {folder} ({per_digit})</source>
        <translation>已从 {folder} 导入 {count}（{per_digit}）</translation>
    </message>
    <message>
        <source>nothing imported from {folder}</source>
        <translation>没有从 {folder} 导入任何内容</translation>
    </message>
    <message>
        <source>skipped {n}:</source>
        <translation>跳过 {n} 项：</translation>
    </message>
    <message>
        <source>  {where}: {why}</source>
        <translation>  {where}：{why}</translation>
    </message>
    <message>
        <source>  the folder is empty: put images in sub-folders named 0 to 9 (DIR/0/*.png ... DIR/9/*.png)</source>
        <translation>  文件夹是空的：请把图片放进名为 0 到 9 的子文件夹（DIR/0/*.png … DIR/9/*.png）</translation>
    </message>
    <message>
        <source>{model}: cannot delete it: {reason}</source>
        <translation>{model}：无法删除：{reason}</translation>
    </message>
    <message>
        <source>{model}: cannot rename it: {reason}</source>
        <translation>{model}：无法重命名：{reason}</translation>
    </message>
    <message>
        <source>{name}: a model of that name exists</source>
        <translation>{name}：已有同名的模型</translation>
    </message>
    <message>
        <source>{folder} is a file, not a folder</source>
        <translation>{folder} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>{folder}: no such folder (expected DIR/0/*.png ... DIR/9/*.png and optionally {metadata})</source>
        <translation>{folder}：没有这个文件夹（应有 DIR/0/*.png … DIR/9/*.png，以及可选的 {metadata}）</translation>
    </message>
    <message>
        <source>unreadable metadata, ignored ({error})</source>
        <translation>元数据无法读取，已忽略（{error}）</translation>
    </message>
    <message>
        <source>not in a digit folder (0-9)</source>
        <translation>不在数字文件夹（0-9）中</translation>
    </message>
    <message>
        <source>not a digit folder: folders must be named 0 to 9</source>
        <translation>不是数字文件夹：文件夹须命名为 0 到 9</translation>
    </message>
    <message>
        <source>a folder inside a digit folder</source>
        <translation>数字文件夹中的文件夹</translation>
    </message>
    <message>
        <source>not an image file</source>
        <translation>不是图片文件</translation>
    </message>
    <message>
        <source>not a readable image ({error})</source>
        <translation>不是可读取的图片（{error}）</translation>
    </message>
    <message>
        <source>blank: no digit in the picture</source>
        <translation>空白：图片中没有数字</translation>
    </message>
    <message>
        <source>duplicate of {other}</source>
        <translation>与 {other} 重复</translation>
    </message>
    <message>
        <source>your digit {id}</source>
        <translation>你的数字 {id}</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}; nothing was written</source>
        <translation>无法写入 {path}：{reason}；没有写入任何内容</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>ONNX export needs the onnx package: pip install 'mnist-desk[export]' (or pip install onnx)</source>
        <translation>导出 ONNX 需要 onnx 包：pip install 'mnist-desk[export]'（或 pip install onnx）</translation>
    </message>
    <message>
        <source>this PyTorch build has no CUDA support</source>
        <translation>此 PyTorch 版本不支持 CUDA</translation>
    </message>
    <message>
        <source>PyTorch sees no CUDA device (no NVIDIA GPU or driver found)</source>
        <translation>PyTorch 找不到 CUDA 设备（没有 NVIDIA GPU 或驱动程序）</translation>
    </message>
    <message>
        <source>a comparison needs at least two architectures</source>
        <translation>比较至少需要两种架构</translation>
    </message>
    <message>
        <source>unknown device {name}: use cpu, cuda or cuda:N</source>
        <translation>未知设备 {name}：请使用 cpu、cuda 或 cuda:N</translation>
    </message>
    <message>
        <source>unsupported device {name}: use cpu, cuda or cuda:N</source>
        <translation>不支持的设备 {name}：请使用 cpu、cuda 或 cuda:N</translation>
    </message>
    <message>
        <source>CUDA device {name} was requested, but {reason}. Use cpu.</source>
        <translation>请求了 CUDA 设备 {name}，但{reason}。请使用 cpu。</translation>
    </message>
    <message>
        <source>CUDA device {name} does not exist: torch sees {count} device(s).</source>
        <translation>CUDA 设备 {name} 不存在：torch 只检测到 {count} 个设备。</translation>
    </message>
    <message>
        <source>{path}: cannot read the training history: {error}</source>
        <translation>{path}：无法读取训练历史：{error}</translation>
    </message>
    <message>
        <source>{path}: not a training history (its columns are not {columns})</source>
        <translation>{path}：不是训练历史文件（它的列不是 {columns}）</translation>
    </message>
    <message>
        <source>{path}, line {line}: not a number ({error})</source>
        <translation>{path} 第 {line} 行：不是数字（{error}）</translation>
    </message>
    <message>
        <source>{path}: not a readable checkpoint (truncated or corrupt): {error}</source>
        <translation>{path}：不是可读取的模型文件（不完整或已损坏）：{error}</translation>
    </message>
    <message>
        <source>{path}: cannot build the model it describes: {error}</source>
        <translation>{path}：无法构建它所描述的模型：{error}</translation>
    </message>
    <message>
        <source>{path}: its weights do not fit a {task}/{arch} model: {detail}</source>
        <translation>{path}：它的权重与 {task}/{arch} 模型不匹配：{detail}</translation>
    </message>
    <message>
        <source>unknown task {task}; choose one of {known}</source>
        <translation>未知任务 {task}；请从 {known} 中选择</translation>
    </message>
    <message>
        <source>unknown architecture {arch} for task {task}; choose one of {known}</source>
        <translation>任务 {task} 没有架构 {arch}；请从 {known} 中选择</translation>
    </message>
    <message>
        <source>{path}: not a readable checkpoint ({error})</source>
        <translation>{path}：不是可读取的模型文件（{error}）</translation>
    </message>
    <message>
        <source>could not keep the measurement of {model}: {reason}</source>
        <translation>无法保存 {model} 的测量结果：{reason}</translation>
    </message>
    <message>
        <source>{path} is damaged: {problem}. Replace it with a good copy, or delete the MNIST files in {folder} so that they are downloaded again.</source>
        <translation>{path} 已损坏：{problem}。请换成完好的副本，或删除 {folder} 中的 MNIST 文件以便重新下载。</translation>
    </message>
    <message>
        <source>{path} is damaged: {problem}. Replace it with a good copy, or delete the MNIST files in {folder} and allow the download (leave out --no-download; in the window: File &gt; Download MNIST When Missing) so that they are downloaded again.</source>
        <translation>{path} 已损坏：{problem}。请换成完好的副本，或删除 {folder} 中的 MNIST 文件并允许下载（不要加 --no-download；窗口中：文件 &gt; 缺少时自动下载 MNIST），以便重新下载。</translation>
    </message>
    <message>
        <source>it does not start like an MNIST (IDX) file</source>
        <translation>它的开头不像 MNIST（IDX）文件</translation>
    </message>
    <message>
        <source>it declares items of shape {shape}, not {expected}</source>
        <translation>它声明的条目形状是 {shape}，而不是 {expected}</translation>
    </message>
    <message>
        <source>truncated ({size} bytes, expected {expected})</source>
        <translation>文件不完整（{size} 字节，应为 {expected}）</translation>
    </message>
    <message>
        <source>longer than it declares ({size} bytes, expected {expected})</source>
        <translation>比它声明的长度更长（{size} 字节，应为 {expected}）</translation>
    </message>
    <message>
        <source>it cannot be unpacked as a .gz file ({reason})</source>
        <translation>无法作为 .gz 文件解压（{reason}）</translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation>{path} 无法读取：{reason}</translation>
    </message>
    <message>
        <source>{path} is damaged: it has {labels} labels for {images} images. Replace the MNIST files in {raw} with good copies.</source>
        <translation>{path} 已损坏：它有 {labels} 个标签，却对应 {images} 张图片。请把 {raw} 中的 MNIST 文件换成完好的副本。</translation>
    </message>
    <message>
        <source>{path} is damaged: it holds labels above 9. Replace the MNIST files in {raw} with good copies.</source>
        <translation>{path} 已损坏：其中有大于 9 的标签。请把 {raw} 中的 MNIST 文件换成完好的副本。</translation>
    </message>
    <message>
        <source>training finished</source>
        <translation>训练完成</translation>
    </message>
    <message>
        <source>stopped by the user at step {step}</source>
        <translation>已在第 {step} 步由用户停止</translation>
    </message>
    <message>
        <source>stopped early at step {step}: validation error did not improve for {patience} evaluations</source>
        <translation>已在第 {step} 步提前停止：验证错误率连续 {patience} 次评估没有改善</translation>
    </message>
    <message>
        <source>Training diverged: the loss became {loss} at step {step}.</source>
        <translation>训练发散：第 {step} 步的损失变为 {loss}。</translation>
    </message>
    <message>
        <source>Training diverged: the loss became {loss} at step {step}. {hint}</source>
        <translation>训练发散：第 {step} 步的损失变为 {loss}。{hint}</translation>
    </message>
    <message>
        <source>Try a lower learning rate.</source>
        <translation>请试试更低的学习率。</translation>
    </message>
    <message>
        <source>Try a lower learning rate (now {lr}).</source>
        <translation>请试试更低的学习率（现在是 {lr}）。</translation>
    </message>
    <message>
        <source>{ending} No checkpoint was kept (no evaluation had run).</source>
        <translation>{ending}没有保留模型文件（还没有进行过评估）。</translation>
    </message>
    <message>
        <source>{ending} The best model so far was kept.</source>
        <translation>{ending}已保留目前最好的模型。</translation>
    </message>
    <message>
        <source>{ending} The best model so far was kept: {checkpoint}.</source>
        <translation>{ending}已保留目前最好的模型：{checkpoint}。</translation>
    </message>
    <message>
        <source>Fine-tuning diverged; nothing was saved.</source>
        <translation>微调发散，没有保存任何内容。</translation>
    </message>
    <message>
        <source>t-SNE needs openTSNE (pip install openTSNE)</source>
        <translation>t-SNE 需要 openTSNE（pip install openTSNE）</translation>
    </message>
    <message>
        <source>{title} ({arch})</source>
        <translation>{title}（{arch}）</translation>
    </message>
    <message>
        <source>drawn digits not measured: {reason}</source>
        <translation>未测量手写数字：{reason}</translation>
    </message>
    <message>
        <source>classifier, personalised</source>
        <translation>分类器（个性化）</translation>
    </message>
    <message>
        <source>#{number} classifier, personalised</source>
        <translation>#{number} 分类器（个性化）</translation>
    </message>
    <message>
        <source>{task} · {network}</source>
        <translation>{task} · {network}</translation>
    </message>
    <message>
        <source>{model}, personalised</source>
        <translation>{model}（个性化）</translation>
    </message>
    <message>
        <source>#{number} {model}</source>
        <translation>#{number} {model}</translation>
    </message>
    <message>
        <source>{name} · {date}</source>
        <translation>{name} · {date}</translation>
    </message>
    <message>
        <source>{name} #{number}</source>
        <translation>{name} #{number}</translation>
    </message>
    <message>
        <source>holdout</source>
        <translation>留出法</translation>
    </message>
    <message>
        <source>cross-validation, {folds} folds</source>
        <translation>{folds} 折交叉验证</translation>
    </message>
    <message>
        <source>given held-out set</source>
        <translation>指定的留出集</translation>
    </message>
    <message>
        <source>your held-out digits ({count}, {method}): {before} -&gt; {after}</source>
        <translation>你留出的数字（{count} 个，{method}）：{before} → {after}</translation>
    </message>
    <message>
        <source>MNIST test ({count}): {before} -&gt; {after} ({change} points)</source>
        <translation>MNIST 测试集（{count} 张）：{before} → {after}（{change} 个百分点）</translation>
    </message>
    <message>
        <source>{held_out}; {mnist}</source>
        <translation>{held_out}；{mnist}</translation>
    </message>
    <message>
        <source>{path}: a model of another kind ({title}); fine-tuning on your digits starts from a single-digit classifier</source>
        <translation>{path}：这是另一类模型（{title}）；在你的数字上微调要从单个数字分类器开始</translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="44"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="45"/>
        <source>Train with these settings; the model is saved to your models folder</source>
        <translation>按这些设置训练；模型会保存到你的模型文件夹</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="47"/>
        <source>Pause or resume the run</source>
        <translation>暂停或继续训练</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="49"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="50"/>
        <source>Stop now; the best model so far is tested and kept</source>
        <translation>立即停止；将测试并保留目前最好的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="53"/>
        <source>Compare adders</source>
        <translation>比较加法器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="55"/>
        <source>Train the transfer adder, then the scratch adder, for the same number of steps (about a minute on two cores), with the seed, device and training images set here, and compare their error curves</source>
        <translation>先训练迁移加法器，再训练从零加法器，两者步数相同（双核上约一分钟），使用此处设置的种子、设备和训练图像，并比较它们的误差曲线</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="71"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="101"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="101"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="129"/>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="143"/>
        <source>epoch {0:.1f}/{1:.1f} · step {2:,}/{3:,} · {4:,.0f} img/s · ETA {5}</source>
        <translation>轮次 {0:.1f}/{1:.1f} · 步 {2:,}/{3:,} · {4:,.0f} 张/秒 · 剩余 {5}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="163"/>
        <source>step {0:,}/{1:,} · ETA {2}</source>
        <translation>步 {0:,}/{1:,} · 剩余 {2}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="164"/>
        <source>{0} · step {1:,}/{2:,}</source>
        <translation>{0} · 步 {1:,}/{2:,}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="190"/>
        <source>The transfer adder starts from a trained classifier, and none was found. Train a classifier first (task: Single-digit classifier), or install the shipped weights.</source>
        <translation>迁移加法器需要从一个训练好的分类器开始，但没有找到。请先训练一个分类器（任务：单数字分类器），或安装随附的权重。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="197"/>
        <source>Distillation learns from a trained classifier (the teacher), and none was found. Train a classifier first, or install the shipped weights.</source>
        <translation>蒸馏需要向一个训练好的分类器（教师）学习，但没有找到。请先训练一个分类器，或安装随附的权重。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="203"/>
        <source>Comparing the adders needs a trained classifier for the transfer adder; none was found. Train a classifier first.</source>
        <translation>比较加法器时，迁移加法器需要一个训练好的分类器，但没有找到。请先训练一个分类器。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="209"/>
        <source>A training run is in progress; wait for it to end or stop it.</source>
        <translation>正在训练；请等待其结束或先停止它。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="213"/>
        <source>Cannot start: {0}</source>
        <translation>无法开始：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="178"/>
        <source>Loading MNIST…</source>
        <translation>正在加载 MNIST…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="180"/>
        <source>Testing the best model…</source>
        <translation>正在测试最佳模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="182"/>
        <source>Finding the worst mistakes…</source>
        <translation>正在查找最严重的错误…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_controls.py" line="183"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
</context>
<context>
    <name>RunResultsView</name>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="254"/>
        <source>Results appear here when a run ends.</source>
        <translation>训练结束后，结果将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="178"/>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="181"/>
        <source>Switch the drawing pad to the model this run saved</source>
        <translation>让手写板改用本次训练保存的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="185"/>
        <source>Export history CSV…</source>
        <translation>导出训练记录 CSV…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="187"/>
        <source>Every logged train and validation point</source>
        <translation>记录的所有训练和验证数据点</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="192"/>
        <source>Export settings &amp;&amp; metrics JSON…</source>
        <translation>导出设置与指标 JSON…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="196"/>
        <source>The run&apos;s settings, test metrics and checkpoint path</source>
        <translation>本次训练的设置、测试指标和模型文件路径</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="205"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="205"/>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="205"/>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="205"/>
        <source>count</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="336"/>
        <source>&lt;b&gt;Most confident mistakes (test)&lt;/b&gt;</source>
        <translation>&lt;b&gt;把握最大的错误预测（测试集）&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="276"/>
        <source>{0} — {1}, {2}: {3} after {4:,} steps in {5} (seed {6}).</source>
        <translation>{0} — {1}，{2}：{3}，共 {4:,} 步，用时 {5}（种子 {6}）。</translation>
    </message>
    <message>
        <source>{0} — {1}, {2}: {3} after {4:,} step in {5} (seed {6}).</source>
        <translation>{0} — {1}，{2}：{3}，共 {4:,} 步，用时 {5}（种子 {6}）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="42"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="43"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="44"/>
        <source>Stopped early (no validation gain)</source>
        <translation>已提前停止（验证误差不再下降）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="47"/>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="289"/>
        <source>Test accuracy {0} on {1:,} sums (loss {2:.3f}); best validation error {3:.2%}.</source>
        <translation>在 {1:,} 个和上的测试准确率为 {0}（损失 {2:.3f}）；最佳验证错误率 {3:.2%}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="293"/>
        <source>Test accuracy {0} on {1:,} digits (loss {2:.3f}); best validation error {3:.2%}.</source>
        <translation>在 {1:,} 个数字上的测试准确率为 {0}（损失 {2:.3f}）；最佳验证错误率 {3:.2%}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="303"/>
        <source>No model was kept, so there is nothing to test.</source>
        <translation>没有保留任何模型，因此无可测试。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="305"/>
        <source>Saved to {0}</source>
        <translation>已保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="308"/>
        <source>The worst mistakes could not be found: {0}</source>
        <translation>无法找出最严重的错误：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="342"/>
        <source>true sum {0}, the model said {1} with probability {2:.1%}</source>
        <translation>真实的和为 {0}，模型判为 {1}，概率 {2:.1%}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="344"/>
        <source>true digit {0}, the model said {1} with probability {2:.1%}</source>
        <translation>真实数字为 {0}，模型判为 {1}，概率 {2:.1%}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="355"/>
        <source>&lt;b&gt;Most confident mistakes (test)&lt;/b&gt;: {0} shown, as true → predicted, confidence</source>
        <translation>&lt;b&gt;最自信的错误（测试集）&lt;/b&gt;：显示 {0} 个，格式为 真实 → 预测，置信度</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="358"/>
        <source>&lt;b&gt;Most confident mistakes (test)&lt;/b&gt;: none</source>
        <translation>&lt;b&gt;最自信的错误（测试集）&lt;/b&gt;：无</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="383"/>
        <source>Export history</source>
        <translation>导出训练记录</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_results.py" line="383"/>
        <source>Export settings and metrics</source>
        <translation>导出设置与指标</translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="87"/>
        <source>{0}, {1} of {2}: {3}</source>
        <translation>{0}，第 {1} 个，共 {2} 个：{3}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="99"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="101"/>
        <source>Stopping: testing the best model so far…</source>
        <translation>正在停止：测试目前最好的模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="103"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="113"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="113"/>
        <source>Still stopping…</source>
        <translation>仍在停止…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="127"/>
        <source>Training {0}…</source>
        <translation>正在训练 {0}…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="137"/>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="138"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="147"/>
        <source>, test accuracy {0:.2%}</source>
        <translation>，测试准确率 {0:.2%}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_view.py" line="105"/>
        <source>{0}: paused</source>
        <translation>{0}：已暂停</translation>
    </message>
</context>
<context>
    <name>SumView</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="212"/>
        <source>Sum probabilities (0–18)</source>
        <translation>和的概率（0–18）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="214"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="225"/>
        <source>Draw a digit in each box</source>
        <translation>请在每个方框里各写一个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="227"/>
        <source>Draw a digit in the other box</source>
        <translation>请在另一个方框里写一个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="231"/>
        <source>Not read as a number: {0}</source>
        <translation>未能读成一个数：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="238"/>
        <source>Sum read by the adder network: {0} sure</source>
        <translation>加法网络识别的和：把握 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="240"/>
        <source>Sum worked out by the adder, column by column: {0} sure</source>
        <translation>加法网络逐位进位算出的和：把握 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="245"/>
        <source>(the digits read add up to {0})</source>
        <translation>（识别出的两个数字相加为 {0}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="249"/>
        <source>Sum of the two digits: {0} sure</source>
        <translation>两个数字之和：把握 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="251"/>
        <source>Sum of the two numbers: {0} sure</source>
        <translation>两个数之和：把握 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="257"/>
        <source>Sum probabilities are shown for one digit per box</source>
        <translation>每个框只有一位数字时才显示和的概率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="260"/>
        <source>Adder&apos;s probabilities for sums 0–18</source>
        <translation>加法网络给出的和（0–18）的概率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_view.py" line="262"/>
        <source>Sum probabilities (0–18), from the two digits</source>
        <translation>由两个数字得出的和（0–18）的概率</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="20"/>
        <source>Quick: a small network, one pass and a bit over the training images, about 99% test accuracy in seconds.
Standard: the default ConvNet with augmentation over several epochs, as the shipped weights were trained (minutes).
Best: a wider small network trained for drawn digits too: 99.5% test accuracy and drawn digits read as well as by the shipped model.</source>
        <translation>快速：小型网络，训练集约一遍多，几秒内测试准确率约 99%。
标准：默认 ConvNet，带数据增强，训练多个轮次，与随附权重的训练方式相同（需数分钟）。
最佳：更宽的小型网络，同时针对手绘数字训练：测试准确率 99.5%，读手绘数字与随附模型一样好。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="81"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="28"/>
        <source>Classifier: reads one digit (0-9).
Transfer adder: a trained classifier reads both digits, a small head adds them.
Scratch adder: one network learns the sum (0-18) from the two images directly.</source>
        <translation>单个数字分类器：识别一个数字（0-9）。
迁移加法器：由训练好的分类器识别两个数字，再由一个小的输出头把它们相加。
从零训练的加法器：一个网络直接从两张图片学习它们的和（0-18）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="34"/>
        <source>The network architecture</source>
        <translation>神经网络结构</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="35"/>
        <source>The trained classifier the transfer adder starts from (shipped or yours); the architecture follows it</source>
        <translation>迁移加法器所基于的已训练分类器（内置的或你的）；网络结构随之确定</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="90"/>
        <source>Start from</source>
        <translation>起始分类器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="40"/>
        <source>The trained classifier this transformer learns from (distillation): DeiT copies its answers, ViT-distill its softened probabilities</source>
        <translation>这个 Transformer 向其学习的已训练分类器（蒸馏）：DeiT 模仿它的答案，ViT-distill 模仿它软化后的概率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="92"/>
        <source>Teacher</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="45"/>
        <source>Where to train: the CPU or a CUDA GPU</source>
        <translation>在哪里训练：CPU 或 CUDA GPU</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="52"/>
        <source>Passes over the training set (or over the pairs drawn each epoch)</source>
        <translation>遍历训练集的次数（或遍历每轮抽取的数字对的次数）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="108"/>
        <source>by epochs</source>
        <translation>按轮次</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="55"/>
        <source>A fixed number of steps instead of epochs (0: use epochs)</source>
        <translation>用固定的步数代替轮次（0：按轮次）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="58"/>
        <source>Examples per step; smaller uses less memory</source>
        <translation>每步的样本数；越小占用内存越少</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="61"/>
        <source>Learning rate (peak rate with the one-cycle schedule); arrows halve or double it</source>
        <translation>学习率（使用 one-cycle 调度时为峰值学习率）；箭头可将其减半或加倍</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="65"/>
        <source>Weight decay: a pull of every weight towards zero</source>
        <translation>权重衰减：把每个权重往零拉</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="68"/>
        <source>AdamW is a good default; SGD uses Nesterov momentum 0.9</source>
        <translation>AdamW 是不错的默认选择；SGD 使用 0.9 的 Nesterov 动量</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="71"/>
        <source>How the learning rate changes over the run</source>
        <translation>学习率在训练过程中如何变化</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="119"/>
        <source>Random shifts, rotations and zoom</source>
        <translation>随机平移、旋转和缩放</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="74"/>
        <source>Augmentation: harder training, better on drawn digits</source>
        <translation>数据增强：训练更难，但对手写的数字识别更好</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="83"/>
        <source>Fixes initial weights and data order, so runs can be compared</source>
        <translation>固定初始权重和数据顺序，便于比较不同的训练</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="130"/>
        <source>all 50,000</source>
        <translation>全部 50,000 张</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="123"/>
        <source>Printed, bold and template digits</source>
        <translation>印刷体、粗体和模板数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="77"/>
        <source>The drawn-digit recipe of the shipped models: slant, wobble, thickness and doubled strokes, plus {count} digits drawn from templates in handwritten, printed and bold styles</source>
        <translation>随附模型的手绘数字配方：倾斜、抖动、粗细和重描笔画，另加 {count} 个按手写、印刷和粗体风格从模板绘制的数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form_tips.py" line="86"/>
        <source>Train on the first N training images only, for quick experiments</source>
        <translation>只用前 N 张训练图片训练，适合快速实验</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="138"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="140"/>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="143"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="144"/>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="145"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="146"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="147"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="148"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="149"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="150"/>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="151"/>
        <source>Augment</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="152"/>
        <source>Drawn digits</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="153"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="154"/>
        <source>Training images</source>
        <translation>训练图片数</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="156"/>
        <source>Run settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="167"/>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="231"/>
        <source>none yet: train a classifier first</source>
        <translation>暂无：请先训练一个分类器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="170"/>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="232"/>
        <source>CUDA (unavailable)</source>
        <translation>CUDA（不可用）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="175"/>
        <source>Quick (≈99% in seconds)</source>
        <translation>快速（几秒内约 99%）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="177"/>
        <source>Best (≥99.5%, reads drawn digits, minutes)</source>
        <translation>最佳（≥99.5%，能读手绘数字，数分钟）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="178"/>
        <source>Standard (the shipped weights&apos; recipe, minutes)</source>
        <translation>标准（随附权重的训练方式，数分钟）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_form.py" line="182"/>
        <source>Classifier, personalised (My digits)</source>
        <translation>分类器（个性化，我的数字）</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../mnist_desk/ui/train/training_panel.py" line="108"/>
        <source>Compare adders</source>
        <translation>比较加法器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_panel.py" line="90"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_panel.py" line="93"/>
        <source>Save the loss and error plots as an image</source>
        <translation>将损失和错误率图保存为图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_panel.py" line="106"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_panel.py" line="107"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_panel.py" line="109"/>
        <source>Compare architectures</source>
        <translation>比较网络结构</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/panel_exports.py" line="49"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/panel_exports.py" line="43"/>
        <source>Could not save {0}: {1}</source>
        <translation>无法保存 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_panel.py" line="214"/>
        <source>Training in progress</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/training_panel.py" line="215"/>
        <source>A training run is in progress. Stop it and close? The run will not be saved.</source>
        <translation>正在进行训练。要停止训练并关闭吗？本次训练不会被保存。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/panel_exports.py" line="29"/>
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="289"/>
        <source>training (smoothed)</source>
        <translation>训练（平滑）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="290"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plot_parts.py" line="49"/>
        <source>wall-clock time (s)</source>
        <translation>实际用时（秒）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plot_parts.py" line="50"/>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="71"/>
        <source>Plot against training iterations or against training time</source>
        <translation>以训练迭代次数或训练时间为横轴绘图</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="77"/>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="80"/>
        <source>Logarithmic y axes: small errors stay readable</source>
        <translation>纵轴使用对数刻度：较小的错误率也能看清</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="84"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="87"/>
        <source>Remove all curves (the runs themselves are kept)</source>
        <translation>移除所有曲线（训练本身会保留）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="91"/>
        <source>Move the mouse over a plot to read its values</source>
        <translation>将鼠标移到图上以读取数值</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="103"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="289"/>
        <source>step {0:,.0f}</source>
        <translation>步 {0:,.0f}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="291"/>
        <source>t = {0:,.1f} s</source>
        <translation>t = {0:,.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="301"/>
        <source>train loss {0:.3f}, error {1:.1%}</source>
        <translation>训练损失 {0:.3f}，错误率 {1:.1%}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="305"/>
        <source>val loss {0:.3f}, error {1:.1%}</source>
        <translation>验证损失 {0:.3f}，错误率 {1:.1%}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="103"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="106"/>
        <source>Error rate</source>
        <translation>错误率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="106"/>
        <source>error (%)</source>
        <translation>错误率（%）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/plots.py" line="131"/>
        <source>x axis:</source>
        <translation>横轴：</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="122"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="123"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="124"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="125"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="126"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="127"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="128"/>
        <source>&amp;Open Image…</source>
        <translation>打开图片(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="129"/>
        <source>Read a digit from an image file into the selected box</source>
        <translation>从图片文件读取数字到选中的方框</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="130"/>
        <source>Open &amp;Model File…</source>
        <translation>打开模型文件(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="131"/>
        <source>&amp;Export Model…</source>
        <translation>导出模型(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="133"/>
        <source>Write the model in use as ONNX or TorchScript, for other programs</source>
        <translation>将当前模型写成 ONNX 或 TorchScript 文件，供其他程序使用</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="135"/>
        <source>&amp;Save Drawing as PNG…</source>
        <translation>将手写内容保存为 PNG(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="136"/>
        <source>Save the selected box&apos;s drawing as a PNG image</source>
        <translation>把选中方框里的内容保存为 PNG 图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="137"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="138"/>
        <source>MNIST &amp;Data Folder…</source>
        <translation>MNIST 数据文件夹(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="139"/>
        <source>Do&amp;wnload MNIST When Missing</source>
        <translation>缺少时自动下载 MNIST(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="140"/>
        <source>&amp;Undo Last Stroke</source>
        <translation>撤销上一笔(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="141"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="142"/>
        <source>&amp;Clear Selected Box</source>
        <translation>清除选中的方框(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="143"/>
        <source>Clear &amp;All</source>
        <translation>全部清除(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="144"/>
        <source>&amp;Thicker Pen</source>
        <translation>加粗笔画(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="145"/>
        <source>T&amp;hinner Pen</source>
        <translation>减细笔画(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="146"/>
        <source>Select &amp;First Box</source>
        <translation>选择第一个方框(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="147"/>
        <source>Select &amp;Second Box</source>
        <translation>选择第二个方框(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="148"/>
        <source>&amp;Refresh Model List</source>
        <translation>刷新模型列表(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="149"/>
        <source>&amp;About mnist-desk</source>
        <translation>关于 mnist-desk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_actions.py" line="150"/>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>WindowFiles</name>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="26"/>
        <source>Cannot open the image</source>
        <translation>无法打开图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="29"/>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="36"/>
        <source>Open an image of a digit</source>
        <translation>打开一张数字图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="38"/>
        <source>Images ({0})</source>
        <translation>图片 ({0})</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="48"/>
        <source>Cannot save the drawing</source>
        <translation>无法保存手写内容</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="50"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="56"/>
        <source>Save the drawing</source>
        <translation>保存手写内容</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="58"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="68"/>
        <source>Open a model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="70"/>
        <source>mnist-desk checkpoints (*.pt)</source>
        <translation>mnist-desk 模型文件 (*.pt)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/window_files.py" line="80"/>
        <source>Folder that holds MNIST/raw</source>
        <translation>包含 MNIST/raw 的文件夹</translation>
    </message>
</context>
<context>
    <name>SavePaths</name>
    <message>
        <location filename="../../mnist_desk/ui/shell/save_paths.py" line="21"/>
        <source>Replace the file?</source>
        <translation>替换该文件？</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/shell/save_paths.py" line="22"/>
        <source>{0} already exists. Replace it?</source>
        <translation>{0} 已存在。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>WhyView</name>
    <message>
        <location filename="../../mnist_desk/ui/inside/why_view.py" line="222"/>
        <source>What it sees</source>
        <translation>模型看到的</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/why_view.py" line="1"/>
        <source>Why {0}</source>
        <translation>为何是 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/why_view.py" line="1"/>
        <source>Why not {0}?</source>
        <translation>为何不是 {0}？</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/why_view.py" line="1"/>
        <source>({0:.1%})</source>
        <translation>（{0:.1%}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/why_view.py" line="224"/>
        <source>Draw the other digit: this adder answers only their sum</source>
        <translation>请画出另一个数字：这个加法器只回答两数之和</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/why_view.py" line="357"/>
        <source>&lt;b&gt;Why this answer&lt;/b&gt; (red: pushed toward it, blue: against)</source>
        <translation>&lt;b&gt;为什么是这个答案&lt;/b&gt;&lt;br&gt;（红：推向它，蓝：推离它）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/inside/why_view.py" line="360"/>
        <source>How the heatmaps are computed; gradient × input won the deletion test</source>
        <translation>热力图的计算方法；梯度 × 输入在删除测试中胜出</translation>
    </message>
</context>
</TS>
